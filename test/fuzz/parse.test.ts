// Properties of parseResolution over generated drafts (test/fuzz/arbitraries.ts): it never
// throws; every span lies in the text with start ≤ end; a clean body maps each unit back to the
// source in increasing order (a joining space shares the offset of the unit before it); citations
// lie in their paragraph or footnote; paragraphs and footnotes do not overlap, except that a
// paragraph's span may enclose a footnote block (model.ts).
import * as assert from 'assert';
import * as fc from 'fast-check';
import { MappedText, Resolution, Span, paragraphs } from '../../server/src/engine/model';
import { parseResolution } from '../../server/src/engine/parse';
import { anyString, draft, params } from './arbitraries';

const show = (s: Span) => `[${s.start}, ${s.end})`;

function checkSpan(res: Resolution, s: Span | undefined, what: string): void {
  if (!s) return;
  const n = res.source.length;
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${what}: ${show(s)} not integers`);
  assert.ok(0 <= s.start && s.start <= s.end && s.end <= n, `${what}: ${show(s)} outside [0, ${n}] or reversed`);
}

const inside = (inner: Span, outer: Span) => outer.start <= inner.start && inner.end <= outer.end;
const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function checkBody(res: Resolution, body: MappedText, within: Span, what: string): void {
  assert.strictEqual(body.offsets.length, body.text.length, `${what}: offsets and text differ in length`);
  for (let i = 0; i < body.text.length; i++) {
    const o = body.offsets[i];
    assert.ok(within.start <= o && o < within.end, `${what}: unit ${i} maps to ${o}, outside ${show(within)}`);
    if (body.text[i] === ' ') {
      if (i > 0) assert.ok(o >= body.offsets[i - 1], `${what}: offsets decrease at ${i}`);
      continue;
    }
    assert.strictEqual(body.text[i], res.source[o], `${what}: unit ${i} is not the source unit at ${o}`);
    if (i > 0) assert.ok(o > body.offsets[i - 1], `${what}: offsets do not increase at ${i}`);
  }
}

function checkResolution(text: string): void {
  const res = parseResolution(text);
  assert.strictEqual(res.source, text);
  res.heading.forEach((h, i) => checkSpan(res, h.span, `heading ${i}`));
  checkSpan(res, res.title?.span, 'title');
  checkSpan(res, res.opening, 'opening');
  checkSpan(res, res.closing?.dateSpan, 'closing date');
  checkSpan(res, res.closing?.meetingSpan, 'closing meeting');

  const paras = paragraphs(res);
  for (const p of paras) {
    const w = p.label;
    checkSpan(res, p.span, `${w} span`);
    checkSpan(res, p.numberSpan, `${w} number`);
    p.pieces.forEach((s, i) => {
      checkSpan(res, s, `${w} piece ${i}`);
      assert.ok(inside(s, p.span), `${w}: piece ${show(s)} outside ${show(p.span)}`);
      if (i > 0) assert.ok(p.pieces[i - 1].end <= s.start, `${w}: pieces out of order`);
    });
    if (p.verb) {
      checkSpan(res, p.verb.span, `${w} verb`);
      assert.ok(inside(p.verb.span, p.span), `${w}: verb outside the paragraph`);
    }
    if (p.ending) {
      assert.ok(p.span.start <= p.ending.offset && p.ending.offset < p.span.end, `${w}: ending outside`);
      assert.strictEqual(res.source[p.ending.offset], p.ending.char, `${w}: ending char`);
    }
    for (const r of p.footnoteRefs) {
      checkSpan(res, r.span, `${w} footnote ref`);
      assert.ok(inside(r.span, p.span), `${w}: footnote ref outside`);
    }
    checkBody(res, p.body, p.span, w);
    for (const c of p.citations) {
      for (const s of [c.span, c.numberSpan, c.dateSpan, c.groupSpan]) {
        checkSpan(res, s, `${w} citation ${c.text}`);
        if (s) assert.ok(inside(s, p.span), `${w}: citation ${c.text} ${show(s)} outside ${show(p.span)}`);
      }
      assert.ok(inside(c.numberSpan, c.span) || (c.groupSpan !== undefined && inside(c.numberSpan, c.groupSpan)), `${w}: number outside its citation`);
    }
  }
  // Preamble first, then the operative part, in source order, never overlapping.
  for (let i = 1; i < paras.length; i++) {
    assert.ok(paras[i - 1].span.end <= paras[i].span.start, `${paras[i - 1].label} ${show(paras[i - 1].span)} overlaps or follows ${paras[i].label} ${show(paras[i].span)}`);
  }
  for (const f of res.footnotes) {
    const w = `footnote ${f.number}`;
    checkSpan(res, f.span, w);
    checkBody(res, f.body, f.span, w);
    for (const c of f.citations) {
      checkSpan(res, c.span, `${w} citation`);
      assert.ok(inside(c.span, f.span), `${w}: citation ${c.text} outside`);
    }
    for (const p of paras) {
      // A paragraph may enclose a footnote block; nothing else overlaps.
      if (overlap(f.span, p.span)) assert.ok(inside(f.span, p.span), `${w} ${show(f.span)} overlaps ${p.label} ${show(p.span)}`);
      for (const piece of p.pieces) assert.ok(!overlap(piece, f.span), `${w} ${show(f.span)} overlaps a line of ${p.label}`);
    }
  }
  for (let i = 1; i < res.footnotes.length; i++) {
    const [a, b] = [res.footnotes[i - 1].span, res.footnotes[i].span];
    assert.ok(!overlap(a, b), `footnotes ${show(a)} and ${show(b)} overlap`);
  }
  for (const c of res.citations) checkSpan(res, c.span, `citation ${c.text}`);
  for (let i = 1; i < res.citations.length; i++) assert.ok(res.citations[i - 1].span.start <= res.citations[i].span.start, 'citations out of order');
}

describe('fuzz: parser properties', function () {
  this.timeout(60000);

  it('holds on generated drafts', () => {
    fc.assert(fc.property(draft, (text) => checkResolution(text)), params());
  });

  it('holds on generated drafts with arbitrary UTF-16 spliced in', () => {
    fc.assert(
      fc.property(draft, fc.array(fc.tuple(fc.nat(), anyString), { maxLength: 4 }), (text, cuts) => {
        let t = text;
        for (const [at, s] of cuts) {
          const i = t.length ? at % (t.length + 1) : 0;
          t = t.slice(0, i) + s + t.slice(i);
        }
        checkResolution(t);
      }),
      params(),
    );
  });

  it('holds on arbitrary UTF-16 strings', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('\n', '\r', ' ', '1', '.', '第', '号', '决议', '/', '，', '。', '_', '<sup>', '**', '\ud800', '\udc00', '回顾') , maxLength: 80 }), checkResolution), params());
  });
});
