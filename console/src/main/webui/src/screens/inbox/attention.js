// Calling a person when a conversation waits for one: a short sound and, when the user allowed it, a notification.
let audio = null;

function beep() {
  try {
    audio = audio || new AudioContext();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.value = 0.08;
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.18);
  } catch {
    // No sound where the browser has none.
  }
}

export const attention = {
  canAsk() {
    return typeof Notification !== 'undefined' && Notification.permission === 'default';
  },
  ask() {
    if (typeof Notification !== 'undefined') Notification.requestPermission();
  },
  handoff(title, body) {
    beep();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted' && document.hidden) {
      new Notification(title, { body, tag: 'ft9-handoff' });
    }
  },
};
