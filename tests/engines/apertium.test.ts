/**
 * Real Apertium, not a fake: the Debian packages apertium, apertium-apy,
 * apertium-afr-nld and apertium-eng-spa must be installed (CI installs them).
 * A missing package fails these tests; it does not skip them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/core/errors.js';
import { createApertiumEngine } from '../../src/engines/apertium.js';
import { createEngine, type Engine, type EngineTranslation } from '../../src/engines/index.js';
import { checkTags, tagShape } from '../../src/tagged/index.js';
import { errorOf } from './expect-error.js';

const SPORTS_NL = [
  'De <1>Nederlandse</1> ploeg won de wedstrijd met 3-1 &amp; de trainer was blij.',
  'Zij liep de marathon in twee uur<2/> en brak het record.',
  'Het gewichtheffen begon om tien uur.',
  'Kyzaibay won goud bij de ploegenachtervolging.',
  '"Dit is <1>de <2>beste</2> dag</1>," zei hij.',
];

const nlToAf = (engine: Engine, segments: readonly string[]) => engine.translate({ sourceLanguage: 'nl', targetLanguage: 'af', segments });

function expectClean(sources: readonly string[], results: EngineTranslation[]): void {
  expect(results).toHaveLength(sources.length);
  results.forEach((r, i) => {
    expect(checkTags(tagShape(sources[i]!), r.text), r.text).toBeUndefined();
    expect(r.text, 'unknown-word marks are stripped').not.toMatch(/(^|[\s>"])[*#@]\p{L}/u);
    expect(r.text).toBe(r.text.trim());
  });
}

describe('apertium engine, CLI', () => {
  const engine = createApertiumEngine();

  it('apertium: nl→af keeps tags and escapes, strips * marks and reports unknown words', async () => {
    const results = await nlToAf(engine, SPORTS_NL);
    expectClean(SPORTS_NL, results);
    const [won, marathon, weightlifting, pursuit, quote] = results;
    expect(won!.text).toMatch(/^Die <1>Nederlandse<\/1> ploeg gewen die wedstryd met 3-1 &amp; die /);
    expect(marathon!.text).toContain('uur<2/>');
    expect(quote!.text).toMatch(/<1>die <2>beste<\/2> dag<\/1>/);
    expect(weightlifting!.unknownWords).toContain('gewichtheffen');
    expect(weightlifting!.text).toContain('gewichtheffen');
    expect(pursuit!.unknownWords).toEqual(expect.arrayContaining(['Kyzaibay', 'ploegenachtervolging']));
    expect(pursuit!.text).toMatch(/^Kyzaibay /);
    expect(quote!.unknownWords).toEqual([]);
  });

  it('apertium: a batch gives what one call per segment gives, in order', async () => {
    const batch = await nlToAf(engine, SPORTS_NL);
    const single = [];
    for (const segment of SPORTS_NL) single.push(...(await nlToAf(engine, [segment])));
    expect(batch).toEqual(single);
  });

  it('apertium: en→es works, without the space Apertium leaves for a dropped pronoun', async () => {
    const sources = ['The <1>team</1> won the match on Sunday.', 'She ran the marathon in two hours<2/>.'];
    const results = await engine.translate({ sourceLanguage: 'en-GB', targetLanguage: 'es', segments: sources });
    expectClean(sources, results);
    expect(results[0]!.text).toMatch(/partido/);
    expect(results[0]!.text).toMatch(/domingo/);
    expect(results[1]!.text).toMatch(/^Corrió .*horas<2\/>\.$/);
  });

  it('apertium: a word in a tag is translated as if the tag were not there (no capital after it, agreement kept)', async () => {
    const es = await engine.translate({ sourceLanguage: 'en', targetLanguage: 'es', segments: ['A <1>cyclist</1> has died in a collision.', 'The <1>series</1> of earthquakes was felt.'] });
    // Sent as <g>, Apertium 3.8 wrote "Un <1>Ciclista</1> Ha muerto" and "El <1>Serie</1> De los terremotos".
    expect(es.map((r) => r.text)).toEqual(['Un <1>ciclista</1> ha muerto en una colisión.', 'La <1>serie</1> de terremotos era sentía.']);
    const [af] = await nlToAf(engine, ['Hij zei dat het <1>team</1> kapot is.']);
    expect(af!.text).toMatch(/dat die <1>span<\/1>/); // not "dat dit", the pronoun
    // Words of more than one tag, or a tag Apertium splits at an apostrophe, still come back whole.
    const [split] = await nlToAf(engine, ['<1>Kazachstan’s</1> toewijding aan <2>sport</2> is groot.']);
    expect(checkTags(tagShape('<1>Kazachstan’s</1> toewijding aan <2>sport</2> is groot.'), split!.text)).toBeUndefined();
  });

  it('apertium: a pair that is not installed is an EngineError naming it and the installed ones', async () => {
    const error = await errorOf(engine.translate({ sourceLanguage: 'nl', targetLanguage: 'ja', segments: ['Goud.'] }));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toMatch(/nld-ja.*does not exist/);
    expect(error.message).toMatch(/nld-afr/);
  });

  it('apertium: a missing apertium command says which package to install', async () => {
    const missing = createApertiumEngine({ command: 'apertium-not-installed-here' });
    const error = await errorOf(nlToAf(missing, ['Goud.']));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toMatch(/not found: install the Debian package apertium/);
  });
});

/** A port nobody listens on right now: listen on 0, read it, close. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('apertium engine, APY', () => {
  let apy: ChildProcess | undefined;
  let url = '';
  let log = '';

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    apy = spawn('apertium-apy', ['-p', String(port), '/usr/share/apertium/modes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    apy.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    apy.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    let failure: string | undefined;
    apy.on('error', (error) => (failure = `cannot start apertium-apy (install the Debian package apertium-apy): ${error.message}`));
    apy.on('exit', (code, signal) => (failure ??= `apertium-apy exited (${code ?? signal}) before answering:\n${log}`));
    // APY answers within a second here; 30 s is the bound, checked every 100 ms.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (failure) throw new Error(failure);
      if (Date.now() > deadline) throw new Error(`apertium-apy did not answer ${url}/listPairs within 30 s:\n${log}`);
      const ok = await fetch(`${url}/listPairs`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    const child = apy;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });

  it('apertium APY: gives the same translations as the CLI', async () => {
    const engine = await createEngine('apertium', { url });
    const viaApy = await nlToAf(engine, SPORTS_NL);
    expectClean(SPORTS_NL, viaApy);
    expect(viaApy).toEqual(await nlToAf(createApertiumEngine(), SPORTS_NL));
  });

  it('apertium APY: en→es works', async () => {
    const engine = await createEngine('apertium', { url });
    const [result] = await engine.translate({ sourceLanguage: 'en', targetLanguage: 'es', segments: ['The <1>team</1> won the match on Sunday.'] });
    expect(result!.text).toMatch(/<1>.*<\/1>.*partido/);
  });

  it('apertium APY: a pair that is not installed is an EngineError that says so', async () => {
    const engine = await createEngine('apertium', { url });
    const error = await errorOf(engine.translate({ sourceLanguage: 'nl', targetLanguage: 'ja', segments: ['Goud.'] }));
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toMatch(/nld-ja: HTTP 400 That pair is not installed/);
  });
});

describe('apertium marks', () => {
  it('apertium: a mark after a curly apostrophe ("programma’s" → "program’*s") is stripped too', async () => {
    const { stripMarks } = await import('../../src/engines/apertium-format.js');
    expect(stripMarks('ontwikkelingsprogram’*s en *gewichtheffen')).toEqual({ text: 'ontwikkelingsprogram’s en gewichtheffen', unknown: ['s', 'gewichtheffen'] });
  });
});

describe('apertium marks on every piece of a word', () => {
  it('apertium: "trainingsschema’s" (unknown, split at the apostrophe: "*trainingsschema’*s") comes back without marks', async () => {
    const { engineMarks } = await import('../../src/qa/rules/engine-mark.js');
    const sources = ['de trainingsschema’s en kwalificatie-evenementen wereldwijd', 'Volg #Parijs2024 en @KNVB met 5*3 sterren, het xyzabc-klm.'];
    const results = await nlToAf(createApertiumEngine(), sources);
    expect(results[0]!.text).toContain('trainingsschema’s');
    expect(results[0]!.unknownWords).toContain('trainingsschema’s');
    // The author's hashtag, handle and 5*3 stay; the engine's marks go.
    expect(results[1]!.text).toMatch(/#Parijs2024 .*@KNVB .*5\*3 .*xyzabc-klm/);
    results.forEach((r, i) => expect(engineMarks(sources[i]!, r.text), r.text).toEqual([]));
  });
  it('stripMarks: marks inside words and after apostrophes go; the source’s own stay; entities are untouched', async () => {
    const { stripMarks } = await import('../../src/engines/apertium-format.js');
    expect(stripMarks('die *trainingsschema’*s en *xyzabc-*klm &#8217;', 'de trainingsschema’s')).toEqual({
      text: 'die trainingsschema’s en xyzabc-klm &#8217;',
      unknown: ['trainingsschema’s', 'xyzabc-klm'],
    });
    expect(stripMarks('Volg #*Parijs2024, ge#loop', 'Volg #Parijs2024')).toEqual({ text: 'Volg #Parijs2024, geloop', unknown: ['Parijs2024'] });
  });
});
