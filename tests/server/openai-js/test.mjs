// The official OpenAI JavaScript client against `hearth serve` (started by run.sh):
// HEARTH_BASE_URL (127.0.0.1, no key) and HEARTH_KEYED_URL (0.0.0.0, key HEARTH_KEY).
// Each check prints PASS or FAIL; any failure makes the exit status 1.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const base = process.env.HEARTH_BASE_URL;
const model = 'tiny-llama-Q8_0';
// The client insists on a key; a server on 127.0.0.1 without --api-key ignores it.
const client = new OpenAI({ baseURL: base, apiKey: 'not-needed', maxRetries: 0 });
const hello = [{ role: 'user', content: 'Tell me a story.' }];
let failed = 0;

async function check(name, body) {
  try {
    await body();
    console.log(`PASS ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error?.stack ?? error}`);
  }
}

async function health() {
  return (await fetch(base.replace(/\/v1$/, '/health'))).json();
}

async function rejects(promise, status, code) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof OpenAI.APIError, `not an APIError: ${error}`);
    assert.equal(error.status, status);
    if (code) assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected HTTP ${status}`);
}

let whole;
await check('models.list and models.retrieve', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(model), ids.join(','));
  assert.equal((await client.models.retrieve(model)).id, model);
});

await check('chat, not streamed', async () => {
  whole = await client.chat.completions.create({ model, messages: hello, max_tokens: 12, seed: 7 });
  assert.equal(whole.object, 'chat.completion');
  assert.equal(whole.model, model);
  const choice = whole.choices[0];
  assert.equal(choice.message.role, 'assistant');
  assert.ok(choice.message.content.length > 0);
  assert.ok(['stop', 'length'].includes(choice.finish_reason));
  assert.equal(choice.finish_reason === 'length', whole.usage.completion_tokens === 12);
  assert.equal(whole.usage.total_tokens, whole.usage.prompt_tokens + whole.usage.completion_tokens);
});

await check('chat, streamed (same seed, same text; usage at the end)', async () => {
  const stream = await client.chat.completions.create({
    model, messages: hello, max_tokens: 12, seed: 7, stream: true,
    stream_options: { include_usage: true },
  });
  let text = '', finish = null, usage = null, chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    assert.equal(chunk.object, 'chat.completion.chunk');
    for (const c of chunk.choices) {
      text += c.delta.content ?? '';
      finish = c.finish_reason ?? finish;
    }
    usage = chunk.usage ?? usage;
  }
  assert.ok(chunks > 2);
  assert.equal(text, whole.choices[0].message.content);
  assert.equal(finish, whole.choices[0].finish_reason);
  assert.equal(usage.completion_tokens, whole.usage.completion_tokens);
});

await check('text completion', async () => {
  const r = await client.completions.create({
    model, prompt: 'The meaning of life is', max_tokens: 8, temperature: 0,
  });
  assert.equal(r.object, 'text_completion');
  assert.ok(r.choices[0].text.length > 0);
});

await check('cancelling a stream', async () => {
  const before = await health();
  const stream = await client.chat.completions.create({
    model, messages: hello, max_tokens: 200, stream: true,
  });
  let chunks = 0;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content && ++chunks === 2) stream.controller.abort();
  }
  assert.ok(stream.controller.signal.aborted);
  // The server counts it as cancelled (or, had it finished first, as served) and goes on.
  let now = before;
  for (let i = 0; i < 100 && now.cancelled + now.served === before.cancelled + before.served; i++) {
    await new Promise((r) => setTimeout(r, 50));
    now = await health();
  }
  assert.equal(now.cancelled + now.served, before.cancelled + before.served + 1);
  console.log(`  cancelled on the server: ${now.cancelled - before.cancelled === 1}`);
  const next = await client.chat.completions.create({ model, messages: hello, max_tokens: 3 });
  assert.ok(next.choices[0].message.content.length > 0);
});

await check('errors: unknown model, wrong types, bad values', async () => {
  const e = await rejects(client.chat.completions.create({ model: 'no-such', messages: hello }),
    404, 'model_not_found');
  assert.match(e.message, /tiny-llama-Q8_0/);
  await rejects(client.chat.completions.create({ model, messages: hello, temperature: 'hot' }),
    400, 'invalid_type');
  await rejects(client.chat.completions.create({ model, messages: 'hi' }), 400, 'invalid_type');
  await rejects(client.chat.completions.create({ model, messages: hello, max_tokens: 10 ** 6 }),
    400, 'invalid_value');
  await rejects(client.chat.completions.create({ model, messages: hello, n: 3 }), 400);
});

await check('malformed JSON and a huge body (plain fetch)', async () => {
  const post = (body) => fetch(`${base}/chat/completions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
  });
  let r = await post('{"model": "tiny", "messages": [');
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.code, 'invalid_json');
  r = await post(`{"pad":"${'x'.repeat(4 * 1024 * 1024)}"}`); // over the 4 MiB limit
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, 'request_too_large');
});

await check('missing and wrong key on a non-local address', async () => {
  const keyed = process.env.HEARTH_KEYED_URL;
  const anonymous = new OpenAI({ baseURL: keyed, apiKey: '', maxRetries: 0,
    defaultHeaders: { Authorization: null } });
  await rejects(anonymous.models.list(), 401, 'invalid_api_key');
  const wrong = new OpenAI({ baseURL: keyed, apiKey: 'wrong', maxRetries: 0 });
  await rejects(wrong.models.list(), 401, 'invalid_api_key');
  await rejects(wrong.chat.completions.create({ model, messages: hello }), 401);
  const right = new OpenAI({ baseURL: keyed, apiKey: process.env.HEARTH_KEY, maxRetries: 0 });
  const r = await right.chat.completions.create({ model, messages: hello, max_tokens: 3 });
  assert.ok(r.choices[0].message.content.length > 0);
});

await check('20 clients at once: queued, none lost', async () => {
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => {
    const own = new OpenAI({ baseURL: base, apiKey: 'x', maxRetries: 0 });
    return own.chat.completions.create({ model, messages: hello, max_tokens: 6, seed: i });
  }));
  assert.equal(new Set(results.map((r) => r.id)).size, 20);
  for (const r of results) assert.ok(r.choices[0].message.content.length > 0);
});

console.log(failed === 0 ? 'all checks passed' : `${failed} checks failed`);
process.exit(failed === 0 ? 0 : 1);
