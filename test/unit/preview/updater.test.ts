import * as assert from 'node:assert/strict';
import { SignalUpdater, type Timing, type UpdaterDeps } from '../../../client/src/preview/updater';

interface Answer { version: number; tag: string }

/** A hand-driven clock and timer queue, and a fake server whose answers the test releases. */
function harness(delayMs = 40) {
  let now = 1000;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const requests: { uri: string; resolve: (a: Answer | null) => void; reject: (e: unknown) => void }[] = [];
  const delivered: { uri: string; result: Answer | null; timing: Timing }[] = [];
  const failures: string[] = [];
  let live = true;
  const deps: UpdaterDeps<Answer> = {
    delayMs,
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, id: nextId++ };
      timers.push(t);
      return t.id;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    isLive: () => live,
    request: (uri) => new Promise((resolve, reject) => requests.push({ uri, resolve, reject })),
    deliver: (uri, result, timing) => delivered.push({ uri, result, timing }),
    fail: (uri) => failures.push(uri),
  };
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    updater: new SignalUpdater(deps),
    requests,
    delivered,
    failures,
    setLive: (v: boolean) => { live = v; },
    /** Moves the clock on, running the timers that fall due. */
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
    async answer(i: number, a: Answer | null) {
      requests[i].resolve(a);
      await settle();
    },
    async failRequest(i: number) {
      requests[i].reject(new Error('connection closed'));
      await settle();
    },
  };
}

describe('preview updater (debounce, one request in flight, latest version wins)', () => {
  it('asks at once when it starts following a document', () => {
    const h = harness();
    h.updater.follow('file:///a.prototxt');
    assert.equal(h.requests.length, 1);
    assert.equal(h.requests[0].uri, 'file:///a.prototxt');
  });

  it('waits for a pause in typing: a burst of edits makes one request, after the delay', async () => {
    const h = harness(40);
    h.updater.follow('u');
    await h.answer(0, { version: 1, tag: 'v1' });
    for (let v = 2; v <= 6; v++) {
      h.updater.changed('u', v);
      h.advance(20);
    }
    assert.equal(h.requests.length, 1, 'no request while the keys keep coming');
    h.advance(20);
    assert.equal(h.requests.length, 2, 'one request once typing paused for the delay');
    await h.answer(1, { version: 6, tag: 'v6' });
    assert.deepEqual(h.delivered.map((d) => d.result?.tag), ['v1', 'v6']);
  });

  it('edits for other documents are ignored', () => {
    const h = harness();
    h.updater.follow('u');
    h.updater.changed('other', 2);
    h.advance(100);
    assert.equal(h.requests.length, 1);
  });

  it('keeps one request in flight: edits meanwhile make exactly one more request when it returns', async () => {
    const h = harness(10);
    h.updater.follow('u');
    h.updater.changed('u', 2);
    h.advance(10);
    h.updater.changed('u', 3);
    h.advance(10);
    assert.equal(h.requests.length, 1, 'the second and third ask wait for the first answer');
    await h.answer(0, { version: 1, tag: 'v1' });
    assert.equal(h.requests.length, 2, 'one follow-up request');
    await h.answer(1, { version: 3, tag: 'v3' });
    assert.deepEqual(h.delivered.map((d) => d.result?.tag), ['v1', 'v3']);
  });

  it('drops an answer older than the version on screen', async () => {
    const h = harness();
    h.updater.follow('u');
    await h.answer(0, { version: 5, tag: 'v5' });
    h.updater.refresh();
    await h.answer(1, { version: 4, tag: 'v4 (late)' });
    assert.deepEqual(h.delivered.map((d) => d.result?.tag), ['v5']);
    h.updater.refresh();
    await h.answer(2, { version: 5, tag: 'v5 again (settings changed)' });
    assert.deepEqual(h.delivered.map((d) => d.result?.tag), ['v5', 'v5 again (settings changed)']);
  });

  it('drops the answer for a document it no longer follows', async () => {
    const h = harness();
    h.updater.follow('a');
    h.updater.follow('b');
    assert.equal(h.requests.length, 1, 'b waits for the request in flight');
    await h.answer(0, { version: 9, tag: 'a9' });
    assert.equal(h.requests.length, 2);
    assert.equal(h.requests[1].uri, 'b');
    await h.answer(1, { version: 1, tag: 'b1' });
    assert.deepEqual(h.delivered.map((d) => `${d.uri}:${d.result?.tag}`), ['b:b1']);
  });

  it('does not ask while the panel is hidden, and catches up when refreshed', async () => {
    const h = harness(10);
    h.updater.follow('u');
    await h.answer(0, { version: 1, tag: 'v1' });
    h.setLive(false);
    h.updater.changed('u', 2);
    h.advance(50);
    assert.equal(h.requests.length, 1);
    h.setLive(true);
    h.updater.refresh();
    assert.equal(h.requests.length, 2);
  });

  it('times the repaint from the edit that made the version shown', async () => {
    const h = harness(40);
    h.updater.follow('u');
    await h.answer(0, { version: 1, tag: 'v1' });
    assert.equal(h.delivered[0].timing.editedAt, undefined, 'no edit behind the first answer');
    h.updater.changed('u', 2); // at t = 1000
    h.advance(40); // request at 1040
    await h.answer(1, { version: 2, tag: 'v2' });
    assert.equal(h.delivered[1].timing.editedAt, 1000);
    assert.equal(h.delivered[1].timing.requestedAt, 1040);
  });

  it('reports a failed request and goes on with the next', async () => {
    const h = harness(10);
    h.updater.follow('u');
    await h.failRequest(0);
    assert.deepEqual(h.failures, ['u']);
    h.updater.changed('u', 2);
    h.advance(10);
    await h.answer(1, { version: 2, tag: 'v2' });
    assert.deepEqual(h.delivered.map((d) => d.result?.tag), ['v2']);
  });

  it('a null answer (the server has no analysis) is delivered, so the panel can say so', async () => {
    const h = harness();
    h.updater.follow('u');
    await h.answer(0, null);
    assert.equal(h.delivered.length, 1);
    assert.equal(h.delivered[0].result, null);
  });

  it('after dispose nothing is asked or delivered', async () => {
    const h = harness(10);
    h.updater.follow('u');
    h.updater.dispose();
    await h.answer(0, { version: 1, tag: 'v1' });
    h.updater.changed('u', 2);
    h.advance(50);
    assert.equal(h.requests.length, 1);
    assert.equal(h.delivered.length, 0);
  });
});
