// A `.unres.json` read: its JSON (jsonc-parser, for the offsets of errors and of every value)
// checked against the schema VS Code is given for completion and hover in the file
// (schemas/unres-config.schema.json, with ajv), each problem placed on the key or value it is
// about, with a message in Chinese and English. A file that is not JSON is ignored as a whole;
// in a file that is, each value the schema refuses is ignored (readSettings keeps the value of the
// settings or the farther file instead). Pure: no file access (node/configFiles.ts reads them).
import Ajv, { ErrorObject } from 'ajv';
import { Node, ParseError, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import schema from '../../schemas/unres-config.schema.json';

export const CONFIG_FILE_NAME = '.unres.json';

export interface ConfigProblem {
  /** UTF-16 offsets into the file's text. */
  start: number;
  end: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface ConfigAnalysis {
  /** The file's object; undefined when the text is not a JSON object. */
  value?: Record<string, unknown>;
  problems: ConfigProblem[];
}

let validate: ReturnType<Ajv['compile']> | undefined;

/**
 * Reads a `.unres.json`. `corpusAllowed`: whether its `corpus` counts (a file of the workspace
 * folder or above); in a file further down, `corpus` is reported and ignored.
 */
export function analyseConfig(text: string, corpusAllowed: boolean): ConfigAnalysis {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const problems = errors.map((e) => ({
      start: e.offset,
      end: e.offset + Math.max(e.length, 1),
      severity: 'error' as const,
      message: `不是有效的 JSON，整个文件被忽略 / Not valid JSON (${printParseErrorCode(e.error)}); the file is ignored`,
    }));
    if (problems.length === 0) problems.push({ start: 0, end: 0, severity: 'error', message: '文件为空，被忽略 / The file is empty; it is ignored' });
    return { problems };
  }
  const value = getNodeValue(root) as unknown;
  validate ??= new Ajv({ allErrors: true, keywords: ['enumDescriptions'] }).compile(schema);
  const problems: ConfigProblem[] = [];
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    // A value of the wrong type outside an enum: the enum's message, which lists the values, alone.
    const enums = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
    for (const e of errors) if (!(e.keyword === 'type' && enums.has(e.instancePath))) problems.push(schemaProblem(root, e));
  }
  problems.sort((a, b) => a.start - b.start);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problems };
  const object = value as Record<string, unknown>;
  if (!corpusAllowed && object.corpus !== undefined) {
    const key = keyNode(root, ['corpus']) ?? root;
    problems.push({
      start: key.offset,
      end: key.offset + key.length,
      severity: 'warning',
      message:
        '“corpus”只在工作区文件夹（命令行为当前文件夹）或其上级的 .unres.json 中生效，此处被忽略 / ' +
        '"corpus" is read only from the .unres.json of the workspace folder (for the CLI, the working folder) or above: one corpus serves every draft; ignored here',
    });
    const { corpus: _ignored, ...rest } = object;
    return { value: rest, problems };
  }
  return { value: object, problems };
}

/** An ajv error placed on its value (or, for an unknown key, on the key), in both languages. */
function schemaProblem(root: Node, e: ErrorObject): ConfigProblem {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const where = path.join('.') || '(root)';
  let node = findNodeAtLocation(root, path) ?? root;
  let message: string;
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'additionalProperties':
      node = keyNode(root, [...path, p.additionalProperty]) ?? node;
      message = `未知的键“${p.additionalProperty}” / Unknown key "${p.additionalProperty}"${path.length ? ` in "${where}"` : ''}`;
      break;
    case 'type':
      message = `“${where}”应为 ${p.type} / "${where}" should be of type ${p.type}`;
      break;
    case 'enum':
      message = `“${where}”应为以下之一 / "${where}" should be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
      break;
    case 'minimum':
    case 'maximum':
      message = `“${where}”应${e.keyword === 'minimum' ? '不小于' : '不大于'} ${p.limit} / "${where}" should be ${p.comparison} ${p.limit}`;
      break;
    default:
      message = `“${where}”：${e.message ?? e.keyword} / "${where}": ${e.message ?? e.keyword}`;
  }
  return { start: node.offset, end: node.offset + node.length, severity: 'error', message };
}

/** The key node of the property at `path`. */
function keyNode(root: Node, path: string[]): Node | undefined {
  const value = findNodeAtLocation(root, path);
  return value?.parent?.type === 'property' ? value.parent.children?.[0] : undefined;
}
