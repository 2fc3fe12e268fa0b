// The wall screen's page: the live figures of the queues named in #queue=600,601 (with a login and no names, every
// queue's), read every two seconds from the management API with the token in the address's fragment (#token=...,
// which reads queues by name only) or a signed-in viewer's login.
// Thresholds as the console's wallboard: service level green from 80 %, amber from 60 %; longest wait green
// under 60 s, red from 180 s.
'use strict';

const API = '/api/v1';
const REFRESH_MS = 2000;
const SERVICE_GREEN = 80;
const SERVICE_AMBER = 60;
const WAIT_AMBER = 60;
const WAIT_RED = 180;
const STATES = { READY: 'Ready', RINGING: 'Ringing', BUSY: 'On a call', WRAP_UP: 'Wrap-up', PAUSED: 'Paused',
  LOGGED_OUT: 'Logged out' };

const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get('token');
const only = fragment.get('queue') ? fragment.get('queue').split(',').map(q => q.trim()).filter(q => q) : null;
let auth = token ? 'Bearer ' + token : sessionStorage.getItem('switchboard-wallboard');
let lastGood = null;
/** The server's clock less this one's, from the answers' Date header: an agent's time in a state is the server's. */
let skew = 0;

class Refused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function get(path) {
  const answer = await fetch(API + path, { headers: { Authorization: auth }, cache: 'no-store' });
  if (!answer.ok) {
    let message = answer.status + '';
    try {
      message = (await answer.json()).error || message;
    } catch (notJson) {
      // the status says enough
    }
    throw new Refused(answer.status, message);
  }
  const date = Date.parse(answer.headers.get('Date'));
  if (!isNaN(date)) {
    skew = date - Date.now();
  }
  return answer.json();
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) {
    e.className = className;
  }
  if (text !== undefined) {
    e.textContent = text; // names and pause reasons are text, never markup
  }
  return e;
}

function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

function tile(label, value, colour, note) {
  const t = el('div', 'tile' + (colour ? ' ' + colour : ''));
  t.append(el('div', 'label', label), el('div', 'value', value));
  if (note) {
    t.append(el('div', 'note', note));
  }
  return t;
}

function queueSection(s, now) {
  const section = el('section', 'queue');
  section.dataset.queue = s.queue;
  section.append(el('h2', null, 'Queue ' + s.queue));
  const tiles = el('div', 'tiles');
  const service = s.serviceLevel < 0 ? null : Math.round(s.serviceLevel);
  tiles.append(
    tile('Waiting', String(s.waiting), s.waiting === 0 ? 'green' : null,
      s.callbacks + ' to call back'),
    tile('Longest wait', clock(s.longestWaitSeconds),
      s.longestWaitSeconds >= WAIT_RED ? 'red' : s.longestWaitSeconds >= WAIT_AMBER ? 'amber' : 'green'),
    tile('Service level', service === null ? '–' : service + ' %',
      service === null ? null : service >= SERVICE_GREEN ? 'green' : service >= SERVICE_AMBER ? 'amber' : 'red',
      'answered within ' + s.serviceLevelSeconds + ' s / (answered + abandoned)'),
    tile('Answered today', String(s.answeredToday), null, s.offeredToday + ' offered'),
    tile('Abandoned today', String(s.abandonedToday), null, s.shortAbandonedToday + ' short abandons apart'));
  section.append(tiles);
  const table = el('table', 'agents');
  const head = el('tr');
  ['Agent', 'State', 'Reason', 'For', 'Calls today'].forEach(h => head.append(el('th', null, h)));
  table.append(head);
  for (const a of s.agents) {
    const row = el('tr');
    row.dataset.agent = a.agent;
    const since = a.since ? (now - Date.parse(a.since)) / 1000 : 0;
    row.append(el('td', null, a.agent), el('td', 'state-' + a.state, STATES[a.state] || a.state),
      el('td', null, a.reason || ''), el('td', null, a.since ? clock(since) : ''),
      el('td', null, String(a.callsToday)));
    table.append(row);
  }
  section.append(table);
  return section;
}

function showLogin(why) {
  const form = document.getElementById('login');
  if (why) {
    document.getElementById('login-why').textContent = why;
  }
  form.hidden = false;
  document.getElementById('stamp').textContent = 'Not signed in';
}

async function refresh() {
  if (!auth) {
    showLogin();
    return;
  }
  const stamp = document.getElementById('stamp');
  if (token && !only) {
    showLogin('A wallboard token reads the queues named in the address: /wallboard/#queue=600,601&token=…');
    auth = null;
    return;
  }
  try {
    const names = only || (await get('/queues')).map(q => q.name);
    const statuses = await Promise.all(names.map(n => get('/queues/' + encodeURIComponent(n) + '/status')));
    if (!auth) {
      return; // refused meanwhile by another refresh: the sign-in stays
    }
    const now = Date.now() + skew;
    document.getElementById('queues').replaceChildren(...statuses.map(s => queueSection(s, now)));
    document.getElementById('login').hidden = true;
    lastGood = new Date(now);
    stamp.textContent = 'Updated ' + lastGood.toLocaleTimeString();
    stamp.className = 'stamp';
  } catch (e) {
    if (e instanceof Refused && (e.status === 401 || e.status === 403)) {
      // asked again only after a new login: a refused token tried every two seconds would lock the screen's address out
      sessionStorage.removeItem('switchboard-wallboard');
      auth = null;
      document.getElementById('queues').replaceChildren();
      showLogin((token ? 'The token in this address was refused: ' : 'Refused: ') + e.message);
      stamp.className = 'stamp lost';
      return;
    }
    // the server away: the last figures stay, marked as old
    stamp.textContent = 'No answer from the server' + (lastGood ? ' since ' + lastGood.toLocaleTimeString()
      + ': these figures are from then' : '') + ' (' + e.message + ')';
    stamp.className = 'stamp lost';
  }
}

function base64(text) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

document.getElementById('login').addEventListener('submit', event => {
  event.preventDefault();
  const name = document.getElementById('login-name').value;
  const password = document.getElementById('login-password').value;
  auth = 'Basic ' + base64(name + ':' + password);
  sessionStorage.setItem('switchboard-wallboard', auth);
  refresh();
});

refresh();
setInterval(() => {
  if (auth) {
    refresh();
  }
}, REFRESH_MS);
