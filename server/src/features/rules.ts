// Rule severities: `rules` in the settings or a `.unres.json` (`{"verb-prefix": "off", "echo":
// "information"}`) sets the severity of every finding with that code, or turns it off.
import { SEVERITY, UnresSettings } from '../settings';
import { Finding } from './findings';

/** The findings with the severities the rules give their codes; those set to `off` are left out. */
export function applyRules(findings: Finding[], rules: UnresSettings['rules']): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const rule = rules[String(f.diagnostic.code)];
    if (rule === 'off') continue;
    out.push(rule ? { ...f, diagnostic: { ...f.diagnostic, severity: SEVERITY[rule] } } : f);
  }
  return out;
}
