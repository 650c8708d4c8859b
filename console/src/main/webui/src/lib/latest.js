// A loader whose answers may come back out of order: only the answer to its latest call is applied, so an older one
// arriving late never overwrites a newer.
export function latest(load, apply) {
  let last = 0;
  return async (...args) => {
    const mine = ++last;
    const value = await load(...args);
    if (mine === last) apply(value);
  };
}
