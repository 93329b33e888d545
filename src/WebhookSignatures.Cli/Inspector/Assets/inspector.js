// webhooksig inspector: adds each delivery as it arrives (server-sent events), copies the verify command and
// resends a delivery. Everything a sender sent is set with textContent, never parsed as HTML.
(() => {
  'use strict';
  const base = '/_inspect';
  const list = document.getElementById('deliveries');
  const empty = document.getElementById('empty');
  const connection = document.getElementById('connection');
  let last = Number(list.dataset.last || '0');
  const run = list.dataset.run || '';

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function render(d) {
    const article = el('article', 'delivery outcome-' + d.outcome.replace(/[^a-z0-9-]/gi, ''));
    article.id = 'delivery-' + d.sequence;
    article.dataset.sequence = String(d.sequence);

    const summary = el('header', 'summary');
    const time = el('time', null, d.time);
    summary.append(el('span', 'sequence', '#' + d.sequence), ' ', time, ' ',
      el('span', 'scheme', d.scheme ?? '-'), ' ', el('span', 'event', d.event ?? '-'));
    if (d.event !== null && !d.verified) summary.append(' ', el('span', 'unverified', 'unverified'));
    summary.append(' ', el('span', 'verdict', d.outcome + ' ' + d.status));
    if (d.reason !== null) summary.append(' ', el('span', 'reason', d.reason));
    article.append(summary);

    const request = el('p', 'request');
    request.append(el('code', null, d.method + ' ' + d.path), ' · ' + d.bodyLength + ' bytes');
    if (d.savedAs !== null) request.append(' · saved as ', el('code', 'saved-as', d.savedAs));
    article.append(request);

    if (d.hints.length > 0) {
      const hints = el('ul', 'hints');
      for (const hint of d.hints) hints.append(el('li', null, hint));
      article.append(hints);
    }

    const actions = el('div', 'actions');
    const copy = el('button', null, 'Copy as webhooksig verify command');
    copy.type = 'button';
    copy.dataset.action = 'copy';
    const resend = el('button', null, 'Resend');
    resend.type = 'button';
    resend.dataset.action = 'resend';
    if (d.truncated) {
      resend.disabled = true;
      resend.title = 'the body was over the limit and is not kept whole';
    }
    actions.append(copy, ' ', resend, ' ', el('output', 'action-result'));
    article.append(actions);

    article.append(section('command-details', 'webhooksig verify command', el('pre', 'command', d.verifyCommand)));

    const table = el('table', 'headers');
    const rows = el('tbody');
    for (const header of d.headers) {
      const row = el('tr');
      const name = el('th', null, header.name);
      name.scope = 'row';
      row.append(name, el('td', null, header.value));
      rows.append(row);
    }
    table.append(rows);
    article.append(section('headers-details', 'Headers (' + d.headers.length + ')', table));

    const body = section('body-details', 'Body (' + d.bodyLength + ' bytes)');
    body.open = true;
    if (d.bodyNote !== null) body.append(el('p', 'body-note', d.bodyNote));
    if (d.formatted !== null) body.append(el('h3', null, 'Formatted (' + d.formattedKind + ')'), el('pre', 'body-formatted', d.formatted));
    body.append(el('h3', null, 'Raw'), el('pre', 'body-raw', d.bodyText));
    article.append(body);
    return article;
  }

  function section(className, title, content) {
    const details = el('details', className);
    details.append(el('summary', null, title));
    if (content) details.append(content);
    return details;
  }

  // The browser reconnects by itself (with Last-Event-ID) when the server closes the stream, as it does for a page
  // that fell too far behind; when the deliveries missed are no longer all kept, the server says to reload.
  function connect() {
    const source = new EventSource(base + '/events?after=' + last + '&run=' + encodeURIComponent(run));
    source.addEventListener('open', () => { connection.textContent = 'live'; connection.className = 'connection live'; });
    source.addEventListener('error', () => { connection.textContent = 'reconnecting…'; connection.className = 'connection'; });
    source.addEventListener('reload', () => {
      source.close();
      connection.textContent = 'reloading…';
      location.reload();
    });
    source.addEventListener('delivery', (event) => {
      const d = JSON.parse(event.data);
      if (d.sequence <= last) return;
      last = d.sequence;
      list.dataset.last = String(last);
      list.prepend(render(d));
      empty.hidden = true;
    });
  }

  async function copyCommand(article, result) {
    const text = article.querySelector('pre.command').textContent;
    article.querySelector('details.command-details').open = true;
    try {
      await navigator.clipboard.writeText(text);
      result.textContent = 'copied; set WEBHOOK_SECRET before running it';
    } catch {
      const range = document.createRange();
      range.selectNodeContents(article.querySelector('pre.command'));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      result.textContent = 'selected: copy it with Ctrl+C';
    }
  }

  async function resend(article, button, result) {
    button.disabled = true;
    result.textContent = 'resending…';
    try {
      const response = await fetch(base + '/deliveries/' + article.dataset.sequence + '/resend', {
        method: 'POST',
        headers: { 'X-Webhooksig-Inspector': 'resend' },
      });
      const outcome = await response.json();
      result.textContent = response.ok
        ? 'resent: the receiver answered ' + outcome.status + (outcome.delivery ? ' (see #' + outcome.delivery + ')' : '')
        : 'not resent: ' + outcome.error;
    } catch (e) {
      result.textContent = 'not resent: ' + e;
    } finally {
      button.disabled = false;
    }
  }

  list.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const article = button.closest('article.delivery');
    const result = article.querySelector('output.action-result');
    if (button.dataset.action === 'copy') copyCommand(article, result);
    if (button.dataset.action === 'resend') resend(article, button, result);
  });

  connect();
})();
