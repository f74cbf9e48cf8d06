// Which earlier wording comes first when several are equally close: a paragraph carried over
// unchanged from one year's resolution into the next is the same to both, and the drafter is
// revising the latest one. The order must not depend on the order the corpus files were read.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Corpus, loadCorpus } from '../../server/src/engine/corpus';
import { silentLogger } from '../../server/src/engine/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { parseDraft } from '../../server/src/features/document';
import { findAllEchoes } from '../../server/src/features/echo';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const SEEDS = path.join(__dirname, '../../../seeds');
// A/RES/72/57 PP6, carried over word for word as A/RES/79/40 PP6.
const CARRIED = '念及《行动纲领》各次后续会议通过的成果的执行情况，';

describe('echo order of equally close sources', () => {
  let folders: string[] = [];
  before(() => {
    // Two folders, so that the corpus roots can be given in either order.
    folders = ['A-RES-72-57.md', 'A-RES-79-40.txt'].map((f) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unres-order-'));
      fs.copyFileSync(path.join(SEEDS, f), path.join(dir, f));
      return dir;
    });
  });
  after(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  async function sourcesOf(roots: string[]): Promise<string[]> {
    const corpus = new Corpus();
    await loadCorpus(corpus, roots, { fs: nodeFileSystem, logger: silentLogger });
    const draft = parseDraft('file:///tmp/order-draft.unres', 1, `大会，\n\n${CARRIED}\n`);
    const [echoes] = findAllEchoes(draft, corpus, DEFAULT_SETTINGS, { ready: true });
    assert.ok(echoes, 'the paragraph is read');
    return echoes.corpus.map((e) => `${e.source?.symbol} ${e.label} ${e.match.score.toFixed(2)}`);
  }

  it('puts the latest resolution first, whichever folder is read first', async () => {
    const oldFirst = await sourcesOf(folders);
    const newFirst = await sourcesOf([...folders].reverse());
    assert.deepStrictEqual(oldFirst.slice(0, 2), ['A/RES/79/40 PP6 1.00', 'A/RES/72/57 PP6 1.00']);
    assert.deepStrictEqual(newFirst, oldFirst);
  });
});
