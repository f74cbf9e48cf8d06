// A large quick fix (the renumbering of a long operative part) is sent without its edit to a
// client that resolves code actions, and with it to one that does not; resolving it gives the
// edit the others get. Through the language service, with an empty corpus.
import * as assert from 'assert';
import type { CodeAction } from 'vscode-languageserver-types';
import { Corpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { LAZY_FIX_EDITS } from '../../server/src/features/findings';
import { createLanguageService } from '../../server/src/service';

/** `1. 决定…` then `count` operative paragraphs without a number (each one an edit of the renumbering). */
function unnumbered(count: number): string {
  return `大会，\n回顾其第 78/46 号决议，\n1. 决定设立工作组；\n${'请秘书长提交报告；\n'.repeat(count)}`;
}

const RENUMBER = /重新编号|Renumber/;

describe('large quick fixes resolved lazily', () => {
  const service = createLanguageService({ corpus: new Corpus(), logger: silentLogger });
  let version = 0;
  const open = (text: string) => service.getDocument('file:///lazy.unres', ++version, text);
  const renumberAt = async (text: string, line: number, resolvesEdits: boolean): Promise<CodeAction> => {
    const doc = open(text);
    const actions = await service.getCodeActions(doc, { start: { line, character: 0 }, end: { line, character: 1 } }, { resolvesEdits });
    const action = actions.find((a) => RENUMBER.test(a.title));
    assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
    return action;
  };

  it('over LAZY_FIX_EDITS edits: without its edit to a client that resolves, the same edit once resolved', async () => {
    const text = unnumbered(LAZY_FIX_EDITS + 500);
    const full = await renumberAt(text, 5, false);
    assert.strictEqual(full.edit?.changes?.['file:///lazy.unres'].length, LAZY_FIX_EDITS + 500);
    assert.strictEqual(full.edit?.changes?.['file:///lazy.unres'][0].newText, '2. ');

    const lazy = await renumberAt(text, 5, true);
    assert.strictEqual(lazy.edit, undefined);
    const { data, ...rest } = lazy;
    assert.deepStrictEqual(data, { uri: 'file:///lazy.unres', fix: 'renumber' });
    const { edit, ...same } = full;
    assert.deepStrictEqual(rest, same);
    assert.ok(edit);
    const doc = open(text);
    assert.deepStrictEqual(service.resolveCodeAction(doc, lazy), { ...lazy, edit: full.edit });
    assert.deepStrictEqual(service.resolveCodeAction(doc, lazy).edit, service.getRenumberEdit(doc));
  });

  it('at most LAZY_FIX_EDITS edits: sent whole to every client; other actions resolve to themselves', async () => {
    const text = unnumbered(20);
    const lazy = await renumberAt(text, 5, true);
    assert.strictEqual(lazy.edit?.changes?.['file:///lazy.unres'].length, 20);
    assert.strictEqual(lazy.data, undefined);
    assert.deepStrictEqual(service.resolveCodeAction(open(text), lazy), lazy);
  });

  it('resolved on the text as it is now: once numbered, an empty edit', async () => {
    const lazy = await renumberAt(unnumbered(LAZY_FIX_EDITS + 1), 5, true);
    const numbered = `大会，\n回顾其第 78/46 号决议，\n1. 决定设立工作组；\n2. 请秘书长提交报告；\n`;
    assert.deepStrictEqual(service.resolveCodeAction(open(numbered), lazy).edit, { changes: { 'file:///lazy.unres': [] } });
  });
});
