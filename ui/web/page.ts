// The dashboard's one HTML page: the styles and a mount point for dist/bundle/web/app.js.
const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
body { margin: 0; }
header { background: #1d2330; color: #fff; padding: 10px 20px; display: flex; gap: 20px; align-items: baseline; }
header a { color: #fff; text-decoration: none; font-weight: 600; }
main { padding: 16px 20px; max-width: 1400px; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #eef0f3; }
code, pre { font-family: ui-monospace, monospace; font-size: 12px; }
pre { background: #fff; border: 1px solid #e3e6ea; padding: 8px; overflow: auto; max-height: 360px; }
.card { background: #fff; border: 1px solid #e3e6ea; border-radius: 6px; padding: 12px; margin-bottom: 16px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.bar { display: flex; height: 12px; background: #e3e6ea; border-radius: 3px; overflow: hidden; min-width: 200px; }
.state-succeeded, .s-succeeded { background: #2e9e5b; } .state-cached, .s-cached { background: #6fb3d2; }
.state-failed, .s-failed { background: #d64545; } .state-running, .s-running { background: #e0a526; }
.state-submitted, .s-submitted { background: #b9a0e0; } .state-cancelled, .s-cancelled { background: #888; }
.state-pending, .s-pending { background: #d5d9de; }
.s-queued { background: #b9a0e0; }
.badge { display: inline-block; padding: 1px 6px; border-radius: 3px; color: #fff; font-size: 12px; }
.badge.s-pending { color: #333; }
form.filters { display: flex; gap: 8px; margin-bottom: 8px; flex-wrap: wrap; }
input, select, button, textarea { font: inherit; padding: 3px 6px; }
textarea { display: block; width: 100%; box-sizing: border-box; margin: 6px 0; font-family: ui-monospace, monospace; }
.error { color: #b00020; }
.muted { color: #667; }
svg text { font-size: 11px; fill: #333; }
foreignObject .bar { min-width: 0; }
`;

export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pipe</title><style>${STYLE}</style></head>
<body><div id="root"></div><script src="/app.js"></script></body></html>
`;
}
