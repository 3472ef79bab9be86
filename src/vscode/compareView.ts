import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { CompletionEngine, CompletionRequest, describeError } from '../engine';
import { Config } from './config';
import { windowAround } from './documentWindow';
import { decideMultiline } from './postprocess';
import { buildRequest, lineSource } from './provider';
import { CompareReport, CompareRow, runComparison, summarize } from './compareRunner';

export const COMPARE_TITLE = 'Local Complete: Compare Strategies';

export interface CompareViewDeps {
  extensionUri: vscode.Uri;
  engine: () => CompletionEngine | undefined;
  /** Why there is no engine (loading, error), for the fallback message. */
  unavailableReason: () => string;
  readConfig: () => Config;
  log: vscode.LogOutputChannel;
}

/** What the webview renders; the extension posts it whole on every change. */
export interface CompareViewState {
  status: 'running' | 'done' | 'error';
  message?: string;
  context: { file: string; line: number; character: number; model: string; promptChars: number; multiline: boolean; maxNewTokens: number };
  report: CompareReport;
}

type FromWebview = { type: 'ready' } | { type: 'copy' };

function isFromWebview(m: unknown): m is FromWebview {
  return typeof m === 'object' && m !== null && ((m as { type?: unknown }).type === 'ready' || (m as { type?: unknown }).type === 'copy');
}

/** The webview that runs the four configurations on the current editor context and shows the numbers. */
export class CompareView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: CompareViewState | undefined;
  private running = false;

  constructor(private readonly deps: CompareViewDeps) {}

  /** Opens (or reveals) the panel and starts the comparison at the active editor's cursor. */
  show(): void {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    if (!editor) {
      void vscode.window.showWarningMessage('Local Complete: open a file and place the cursor where you want to compare strategies.');
      return;
    }
    const engine = this.deps.engine();
    if (!engine) {
      void vscode.window.showWarningMessage(`Local Complete: cannot compare yet: ${this.deps.unavailableReason()}.`);
      return;
    }
    if (this.running) {
      this.panel?.reveal();
      void vscode.window.showInformationMessage('Local Complete: a comparison is already running.');
      return;
    }
    const cfg = this.deps.readConfig();
    const pos = editor.selection.active;
    const win = windowAround(lineSource(editor.document), pos.line, pos.character);
    const multiline = decideMultiline(cfg.multiline, win);
    this.state = {
      status: 'running',
      context: {
        file: vscode.workspace.asRelativePath(editor.document.uri),
        line: pos.line + 1,
        character: pos.character + 1,
        model: engine.info.name,
        promptChars: win.prefix.length + win.suffix.length,
        multiline,
        maxNewTokens: cfg.maxNewTokens,
      },
      report: summarize([]),
    };
    this.openPanel();
    this.post();
    // The command returns once the panel is open; the runs fill it in as they finish.
    void this.execute(engine, buildRequest(win, cfg, multiline), this.state);
  }

  private async execute(engine: CompletionEngine, request: CompletionRequest, state: CompareViewState): Promise<void> {
    this.running = true;
    try {
      const report = await runComparison(engine, request, (rows: CompareRow[]) => {
        state.report = summarize(rows);
        this.post();
      });
      state.report = report;
      state.status = 'done';
      this.deps.log.info(
        `compare: ${report.rows.map((r) => `${r.config.id}=${r.runs.map((x) => Math.round(x.stats.totalMs)).join('/')}ms`).join(' ')} identical=${report.identical}`,
      );
    } catch (e) {
      state.status = 'error';
      state.message = describeError(e);
      this.deps.log.error(`compare failed: ${describeError(e)}`);
    } finally {
      this.running = false;
      this.post();
    }
  }

  private openPanel(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel('localComplete.compare', COMPARE_TITLE, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: true,
    });
    panel.webview.html = this.html(panel.webview, media);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    this.panel = panel;
  }

  private onMessage(m: unknown): void {
    if (!isFromWebview(m)) return;
    if (m.type === 'ready') this.post();
    else if (m.type === 'copy' && this.state) {
      void vscode.env.clipboard.writeText(JSON.stringify(this.state, null, 2)).then(
        () => vscode.window.showInformationMessage('Local Complete: comparison copied as JSON.'),
        (e: unknown) => vscode.window.showErrorMessage(`Local Complete: copy failed: ${describeError(e)}`),
      );
    }
  }

  private post(): void {
    if (this.panel && this.state) void this.panel.webview.postMessage({ type: 'state', state: this.state });
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${COMPARE_TITLE}</title>
</head>
<body>
<header>
  <h1>Compare Strategies</h1>
  <p id="context" class="muted"></p>
  <div class="actions"><button id="copy" type="button" disabled>Copy JSON</button></div>
</header>
<section id="summary" aria-live="polite"><p class="muted">Running…</p></section>
<section id="rows"></section>
<p class="muted note">The KV cache is cleared before each configuration: run 1 starts cold, run 2 shows what reuse buys.</p>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

