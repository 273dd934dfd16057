// The playground: talks to this server's own API only (GET /v1/models, POST /v1/responses as SSE, cancel, replay).
'use strict';

const $ = (id) => document.getElementById(id);
const state = { previous: null, running: null, lastPrompt: null, callStarted: {} };
const RUNNING_KEY = 'agent-host.running';
const CHATS_KEY = 'agent-host.chats';
const KEY_KEY = 'agent-host.api-key';

// Chats are kept in this browser as the id of their last response; reopening one continues it from there.
function chats() {
  return JSON.parse(localStorage.getItem(CHATS_KEY) || '[]');
}

function keepChat(response) {
  const all = chats().filter((chat) => chat.id !== state.previousOfChat && chat.id !== response.id);
  all.unshift({ id: response.id, agent: response.model, title: state.title || response.id });
  localStorage.setItem(CHATS_KEY, JSON.stringify(all.slice(0, 20)));
  state.previousOfChat = response.id;
  listChats();
}

function listChats() {
  const select = $('chats');
  select.innerHTML = '<option value="">(this one)</option>';
  for (const chat of chats()) {
    const option = document.createElement('option');
    option.value = chat.id;
    option.textContent = chat.agent + ': ' + chat.title;
    select.appendChild(option);
  }
}

async function reopen(id) {
  const chat = chats().find((c) => c.id === id);
  if (!chat) return;
  $('agent').value = chat.agent;
  $('transcript').innerHTML = '';
  $('events').innerHTML = '';
  const answer = await fetch('/v1/responses/' + encodeURIComponent(id) + agentQuery(), { headers: headers(false) });
  if (!answer.ok) {
    add('card failed', 'The chat could not be reopened: ' + answer.status);
    return;
  }
  const response = await answer.json();
  add('card', 'Reopened: ' + chat.title);
  for (const output of response.output) {
    if (output.type === 'message') {
      add('assistant', output.content.map((part) => part.text || '').join(''));
    } else {
      item(output);
    }
  }
  state.previous = id;
  state.previousOfChat = id;
  state.title = chat.title;
}

function headers(json) {
  const h = {};
  if (json) h['Content-Type'] = 'application/json';
  const key = $('apikey').value.trim();
  if (key) h['Authorization'] = 'Bearer ' + key;
  return h;
}

function agentQuery() {
  return '?agent=' + encodeURIComponent($('agent').value);
}

function add(className, text) {
  const li = document.createElement('li');
  li.className = className;
  if (text !== undefined) li.textContent = text;
  $('transcript').appendChild(li);
  li.scrollIntoView({ block: 'nearest' });
  return li;
}

function line(parent, text) {
  const div = document.createElement('div');
  div.textContent = text;
  parent.appendChild(div);
  return div;
}

function button(parent, label, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', action);
  parent.appendChild(b);
  return b;
}

async function loadAgents() {
  const answer = await fetch('/v1/models', { headers: headers(false) });
  if (!answer.ok) {
    add('card failed', 'The agents could not be listed (' + answer.status + '): give an API key if this server'
        + ' needs one.');
    return;
  }
  const models = await answer.json();
  const select = $('agent');
  select.innerHTML = '';
  for (const model of models.data || []) {
    const option = document.createElement('option');
    option.value = model.id;
    option.textContent = model.id;
    select.appendChild(option);
  }
}

async function loadReadiness() {
  const list = $('readiness');
  list.innerHTML = '';
  try {
    const health = await (await fetch('/health/ready')).json();
    for (const check of health.checks || []) {
      for (const [name, status] of Object.entries(check.data || {})) {
        const li = document.createElement('li');
        li.textContent = name + ': ' + status;
        list.appendChild(li);
      }
    }
  } catch (e) {
    list.textContent = 'readiness unavailable';
  }
}

// One response's events, rendered as they arrive.
function renderer() {
  let message = null;
  return (event) => {
    const li = document.createElement('li');
    li.textContent = event.sequence_number + ' ' + event.type;
    $('events').appendChild(li);
    if (event.response && event.response.id) {
      state.running = { id: event.response.id, last: event.sequence_number, background: event.response.background };
      if (event.response.background) localStorage.setItem(RUNNING_KEY, JSON.stringify(state.running));
    } else if (state.running) {
      state.running.last = event.sequence_number;
      if (state.running.background) localStorage.setItem(RUNNING_KEY, JSON.stringify(state.running));
    }
    switch (event.type) {
      case 'response.output_text.delta':
        if (!message) message = add('assistant', '');
        message.textContent += event.delta;
        break;
      case 'response.output_text.done':
        message = null;
        break;
      case 'response.mcp_call.in_progress':
        state.callStarted[event.item_id] = performance.now();
        break;
      case 'response.output_item.done':
        item(event.item);
        break;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed':
        finish(event.response);
        break;
      case 'error':
        add('card failed', 'Error: ' + event.message);
        finish(null);
        break;
    }
  };
}

function item(item) {
  switch (item.type) {
    case 'mcp_list_tools': {
      const card = add('card' + (item.error ? ' failed' : ''));
      line(card, 'Tools of ' + item.server_label + ': ' + (item.error ? item.error
          : item.tools.map((t) => t.name).join(', ')));
      break;
    }
    case 'mcp_call': {
      const card = add('card mcp-call' + (item.error ? ' failed' : ''));
      line(card, 'MCP call ' + item.server_label + '.' + item.name + ' ' + item.arguments);
      line(card, item.error ? 'Error: ' + (item.error.message || JSON.stringify(item.error)) : 'Output: ' + item.output);
      if (state.callStarted[item.id] !== undefined) {
        line(card, Math.round(performance.now() - state.callStarted[item.id]) + ' ms');
        delete state.callStarted[item.id];
      }
      break;
    }
    case 'function_call': {
      const card = add('card');
      line(card, 'Function call ' + item.name + ' ' + item.arguments + ' (your client runs it)');
      break;
    }
    case 'mcp_approval_request': {
      const card = add('card approval');
      line(card, 'Approve ' + item.server_label + '.' + item.name + ' ' + item.arguments + '?');
      const answer = (approve) => () => {
        card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
        send([{ type: 'mcp_approval_response', approval_request_id: item.id, approve }]);
      };
      button(card, 'Approve', answer(true));
      button(card, 'Deny', answer(false));
      break;
    }
    case 'oauth_consent_request': {
      const card = add('card consent');
      line(card, item.server_label + ' needs your consent.');
      const link = document.createElement('a');
      link.href = item.consent_link;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = 'Give consent (opens a new tab)';
      card.appendChild(link);
      button(card, 'I have given consent', () => { if (state.lastPrompt) send(state.lastPrompt); });
      break;
    }
  }
}

function finish(response) {
  if (response) {
    state.previous = response.id;
    if (response.store) keepChat(response);
    if (response.status !== 'completed') {
      add('card' + (response.status === 'failed' ? ' failed' : ''), 'Response ' + response.status
          + (response.incomplete_details ? ': ' + response.incomplete_details.reason : '')
          + (response.error ? ': ' + response.error.message : ''));
    }
  }
  state.running = null;
  localStorage.removeItem(RUNNING_KEY);
  $('cancel').hidden = true;
  $('send').disabled = false;
}

async function readEvents(answer, onEvent) {
  if (!answer.ok) {
    const body = await answer.json().catch(() => ({}));
    add('card failed', 'Error ' + answer.status + ': ' + ((body.error && body.error.message) || answer.statusText));
    finish(null);
    return;
  }
  const reader = answer.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const data = frame.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      if (data) onEvent(JSON.parse(data));
    }
  }
}

async function send(input) {
  const body = { model: $('agent').value, input, stream: true };
  if (state.previous) body.previous_response_id = state.previous;
  if ($('background').checked) body.background = true;
  const url = $('mcpurl').value.trim();
  if (url) {
    body.tools = [{ type: 'mcp', server_label: $('mcplabel').value.trim() || 'rec', server_url: url,
      require_approval: $('mcpapproval').value }];
  }
  $('send').disabled = true;
  $('cancel').hidden = !body.background;
  const answer = await fetch('/v1/responses', { method: 'POST', headers: headers(true), body: JSON.stringify(body) });
  await readEvents(answer, renderer());
}

async function resume() {
  const saved = localStorage.getItem(RUNNING_KEY);
  if (!saved) return;
  const running = JSON.parse(saved);
  state.running = running;
  $('cancel').hidden = false;
  $('send').disabled = true;
  add('card', 'Resuming response ' + running.id + ' after event ' + running.last);
  const answer = await fetch('/v1/responses/' + encodeURIComponent(running.id) + agentQuery()
      + '&stream=true&starting_after=' + running.last, { headers: headers(false) });
  await readEvents(answer, renderer());
}

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('prompt').value.trim();
  if (!text) return;
  add('user', text);
  state.lastPrompt = text;
  if (!state.previous) state.title = text.slice(0, 40);
  $('prompt').value = '';
  send(text);
});

$('prompt').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && e.ctrlKey) $('composer').requestSubmit();
});

$('cancel').addEventListener('click', async () => {
  if (!state.running) return;
  await fetch('/v1/responses/' + encodeURIComponent(state.running.id) + '/cancel' + agentQuery(),
      { method: 'POST', headers: headers(false) });
});

$('chats').addEventListener('change', () => {
  if ($('chats').value) reopen($('chats').value);
});

// The key lives for this browser tab only; the agents a caller may see are listed again with it.
$('apikey').addEventListener('change', () => {
  sessionStorage.setItem(KEY_KEY, $('apikey').value.trim());
  loadAgents();
});

$('newchat').addEventListener('click', () => {
  state.previous = null;
  state.previousOfChat = null;
  $('transcript').innerHTML = '';
  $('events').innerHTML = '';
});

$('apikey').value = sessionStorage.getItem(KEY_KEY) || '';
listChats();
loadAgents().then(resume);
loadReadiness();
