// The server's size policy: the open document as a parsed draft, or nothing when it is too
// large to parse, and what a request on it may do.
import { CancellationToken, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DraftDocument } from '../features/document';
import { MAX_PARSED_CHARS, RequestOptions, ShouldStop, UnresLanguageService } from '../service';

/**
 * The time a request (hover, code actions) may take before it gives up and answers with what
 * is done. A resolution takes tens of milliseconds (bench/RESULTS.md); 1.5 s only stops a
 * pathological input (a huge corpus and a huge draft) from freezing the editor.
 */
export const TIME_BOX_MS = 1500;

export class OpenDrafts {
  /** Documents told to be too large, once each until closed. */
  private readonly tooLargeWarned = new Set<string>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: UnresLanguageService,
    private readonly warn: (message: string) => void,
  ) {}

  /**
   * The parsed draft, or undefined when the document is unknown or beyond MAX_PARSED_CHARS. A
   * draft over `unres.limits.maxDocumentSize` gets structure features only; both are said once
   * per document (until it is closed), in a warning.
   */
  get(uri: string): DraftDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText();
    if (text.length > MAX_PARSED_CHARS) {
      this.warnTooLarge(
        uri,
        `unres: 文件过大，已停用全部功能 — ${uri} is larger than ${MAX_PARSED_CHARS.toLocaleString('en')} characters; unres features are off for it.`,
      );
      return undefined;
    }
    const d = this.service.getDocument(uri, doc.version, text);
    if (this.service.isStructureOnly(d)) {
      const limit = this.service.maxDocumentSize(d).toLocaleString('en');
      this.warnTooLarge(
        uri,
        `unres: 文件过大（超过 ${limit} 个字符），只提供结构功能，不检索语料 — ${uri} is larger than ${limit} characters ` +
          `(unres.limits.maxDocumentSize): structure features only (outline, folding, links, numbering and punctuation checks), no corpus search.`,
      );
    }
    return d;
  }

  /** What a request on `d` may do: structure only over the size limit; stop when the client cancels or TIME_BOX_MS has passed. */
  requestOptions(d: DraftDocument, token?: CancellationToken): RequestOptions {
    const deadline = Date.now() + TIME_BOX_MS;
    const shouldStop: ShouldStop = () => !!token?.isCancellationRequested || Date.now() > deadline;
    return { structureOnly: this.service.isStructureOnly(d), shouldStop };
  }

  forget(uri: string): void {
    this.tooLargeWarned.delete(uri);
  }

  private warnTooLarge(uri: string, message: string): void {
    if (this.tooLargeWarned.has(uri)) return;
    this.tooLargeWarned.add(uri);
    this.warn(message);
  }
}
