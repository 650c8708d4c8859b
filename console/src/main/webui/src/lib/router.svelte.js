// The console's addresses: the path names the screen, so links from mails and reloads land where they should.
export const route = $state({ path: location.pathname, query: new URLSearchParams(location.search) });

function update() {
  route.path = location.pathname;
  route.query = new URLSearchParams(location.search);
}

export function go(path, { replace = false } = {}) {
  if (replace) history.replaceState({}, '', path);
  else history.pushState({}, '', path);
  update();
}

window.addEventListener('popstate', update);
