// The benchmark's 60-paragraph draft: the 59 paragraphs of A/RES/79/40 (23 preambular, 36
// operative) as a drafter would type them, one paragraph per line, of which every sixth is
// replaced by new wording and every sixth (offset 2) revised, plus one new operative paragraph
// at the end. So most paragraphs echo 79/40 verbatim, some as revisions, some not at all.
//
// The seed is read with the project's own parser (server/src/engine, bundled here by esbuild),
// so the paragraphs are exactly the clean texts the server compares.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEngine } from './engine.mjs';

const NEW_PREAMBULAR = [
  '注意到新兴技术，包括模块化武器设计和聚合物部件，对标识、记录保存和追查工作带来的挑战，',
  '认识到青年组织和地方社区在减少暴力和预防武器滥用方面可以发挥的积极作用，',
  '关切地注意到气候变化和自然灾害引发的流离失所有时加剧边境地区的武器流动，',
  '欣见各国海关当局之间为交流可疑货运信息而建立的新的双边和多边联络渠道，',
];
const NEW_OPERATIVE = [
  '鼓励各国在国家报告中列入关于性别平等和妇女参与的分类数据，以便更好地评估进展；',
  '请秘书长在第八十二届会议上提交一份关于远程制造技术对追查工作影响的分析报告；',
  '邀请金融机构和海关当局交流有关可疑交易模式的资料，同时尊重各国的数据保护规定；',
  '决定设立一个不限成员名额的非正式协商进程，审议弹药全寿命周期管理的实际措施；',
  '强调在冲突后重建中将收缴武器的销毁与社区发展项目相结合的重要性；',
  '吁请捐助方为小岛屿发展中国家的储存设施安全改造提供可预测的多年期资金；',
  '请各国考虑在边境管制人员的培训中纳入识别非法改装枪支和零部件的内容；',
];
/** The paragraph typed last: new wording, not in any seed. */
const TYPED = '邀请各区域组织每两年举办一次执法和司法人员经验交流研讨会，分享追查成功案例。';
/** Inserted in the middle of a revised paragraph. */
const REVISION = '在充分尊重各国主权和国情的前提下';

/**
 * Returns { text, lines, paragraphLines, counts }: the draft text (LF), and the line numbers
 * (0-based) of its 60 paragraphs. `echoing`: the real-style draft whose every paragraph echoes
 * (issue 17): the 59 paragraphs of A/RES/79/40, every sixth (offset 2) revised, none new.
 */
export async function buildDraft(root, workDir, { echoing = false } = {}) {
  const engine = await loadEngine(root, workDir);
  const seed = engine.parseResolution(readFileSync(path.join(root, 'seeds/A-RES-79-40.txt'), 'utf8'));
  const paras = engine.paragraphs(seed);
  const lines = ['安道尔、奥地利和比利时：决议草案', '小武器和轻武器非法贸易的各方面问题', '大会，'];
  const paragraphLines = [];
  const counts = { verbatim: 0, revised: 0, new: 0 };
  let pp = 0;
  let op = 0;
  const operative = paras.filter((p) => p.kind === 'operative').length + 1;
  paras.forEach((p, i) => {
    let body = p.body.text;
    if (i % 6 === 5 && !echoing) {
      body = p.kind === 'preambular' ? NEW_PREAMBULAR[pp++ % NEW_PREAMBULAR.length] : NEW_OPERATIVE[op++ % NEW_OPERATIVE.length];
      counts.new++;
    } else if (i % 6 === 2) {
      const at = Math.floor(body.length / 2);
      body = body.slice(0, at) + REVISION + body.slice(at);
      counts.revised++;
    } else counts.verbatim++;
    if (p.kind === 'operative') {
      const n = paras.slice(0, i + 1).filter((q) => q.kind === 'operative').length;
      body = `${n}. ${body.replace(/[，；。,;.]\s*$/, '')}；`;
    }
    paragraphLines.push(lines.length);
    lines.push(body);
  });
  if (!echoing) {
    paragraphLines.push(lines.length);
    lines.push(`${operative}. ${TYPED}`);
    counts.new++;
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(path.join(workDir, echoing ? 'draft-echoing.unres' : 'draft-60.unres'), text);
  return { text, lines, paragraphLines, counts };
}
