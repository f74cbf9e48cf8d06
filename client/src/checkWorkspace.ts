// `unres.checkWorkspace`: every draft of the workspace checked, its findings in the Problems
// panel, whether it is open or not. The client finds the drafts (`*.unres`, `*.unres.md`, and
// `.txt`/`.md` files that look like resolutions, detect.ts), the server checks those that are not
// open (`unres/checkWorkspace`, server/src/node/workspaceCheck.ts) and reports its progress on the
// token the client gives it; the notification's Cancel button cancels the request.
import * as vscode from 'vscode';
import { WorkDoneProgress, WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageclient/node';
import { CheckWorkspaceRequest, CheckWorkspaceResult } from '../../shared/protocol';
import { looksLikeResolution } from './detect';
import { Host, t } from './host';

/** Bytes read of a `.txt`/`.md` file to tell whether it is a resolution (detect.ts looks at 20,000 characters). */
const SNIFF_BYTES = 64 * 1024;

export async function checkWorkspace(host: Host): Promise<CheckWorkspaceResult | undefined> {
  const c = await host.client();
  if (!c) return undefined;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('unres: checking the workspace'), cancellable: true },
    async (progress, token) => {
      progress.report({ message: t('finding the drafts…') });
      const drafts = await workspaceDrafts(token);
      const workDoneToken = `unres-check-${Date.now()}`;
      let done = 0;
      const listening = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
        if (v.kind === 'end') return;
        const p = v as WorkDoneProgressBegin | WorkDoneProgressReport;
        const increment = p.percentage !== undefined ? p.percentage - done : undefined;
        if (p.percentage !== undefined) done = p.percentage;
        progress.report({ message: p.message, increment });
      });
      try {
        const uris = drafts.map((u) => c.code2ProtocolConverter.asUri(u));
        const result = await c.sendRequest(CheckWorkspaceRequest, { uris, workDoneToken }, token);
        const message = t('unres: {0} drafts checked, {1} problems (see the Problems panel).', result.checked, result.problems);
        void vscode.window.showInformationMessage(result.cancelled ? `${message} ${t('Stopped before the end.')}` : message);
        return result;
      } catch (e) {
        if (token.isCancellationRequested) return undefined;
        throw e;
      } finally {
        listening.dispose();
      }
    },
  );
}

/** The workspace's drafts: by name (`*.unres`, `*.unres.md`) or, for `.txt` and `.md`, by their first lines; not in dot-folders or node_modules. */
async function workspaceDrafts(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/*.{unres,md,txt}', undefined, undefined, token);
  const out: vscode.Uri[] = [];
  for (const uri of found) {
    if (token.isCancellationRequested) break;
    if (/\/(?:\.[^/]*|node_modules)\//.test(`/${vscode.workspace.asRelativePath(uri, false)}`)) continue;
    if (/\.unres(?:\.md)?$/.test(uri.path) || (await looksLikeDraft(uri))) out.push(uri);
  }
  return out.sort((a, b) => a.toString().localeCompare(b.toString()));
}

async function looksLikeDraft(uri: vscode.Uri): Promise<boolean> {
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    return looksLikeResolution(new TextDecoder().decode(bytes.subarray(0, SNIFF_BYTES)));
  } catch {
    return false;
  }
}
