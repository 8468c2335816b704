/**
 * The chat's CSS, scoped by the shadow root: the theme's CSS cannot reach it, nor it the theme.
 * The panel is a grid (header, log, actions, text box): the log, never under 120px, gives way before the
 * actions do (as flex items both shrank, and three recommendation cards lost their action row at 1440×900).
 * `[hidden]` and `:focus-visible` stand alone: every hidden element is hidden, every focused control ringed.
 */
export const CSS = `.p,.b{position:fixed;bottom:88px;right:20px;z-index:2147483000;background:#fff;color:#1a1a1a;border-radius:14px;box-shadow:0 8px 30px #0003;font:15px/1.4 system-ui,sans-serif;text-align:left}
:host(.left) .p,:host(.left) .b{left:20px;right:auto}
.p{width:min(360px,calc(100vw - 40px));max-height:min(560px,calc(100vh - 120px));display:grid;grid-template-rows:auto minmax(120px,1fr);overflow:hidden}
[hidden],.ac:empty,.row:empty{display:none}
.hd{display:flex;align-items:center;justify-content:space-between;padding:10px 10px 10px 16px;background:var(--a);color:#fff;font-weight:600}
.x{background:none;border:0;color:inherit;font:22px/1 sans-serif;cursor:pointer;padding:4px 8px;border-radius:6px}
.m{overflow:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
.bot,.me{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.bot{background:#f1f1f1;align-self:flex-start}
.me{background:var(--a);color:#fff;align-self:flex-end}
.sig{color:#555;font-style:italic}
.ac{padding:10px 12px;border-top:1px solid #eee;display:flex;flex-wrap:wrap;gap:8px;overflow:auto}
.q{border:1px solid var(--a);background:#fff;color:#1a1a1a;border-radius:18px;padding:6px 12px;font:inherit;cursor:pointer;text-decoration:none}
.q.pri{background:var(--a);color:#fff}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.cards{display:grid;gap:8px;width:100%;margin:0;padding:0;list-style:none}
.card{display:grid;grid-template-columns:56px 1fr auto;gap:8px;align-items:center;border:1px solid #eee;border-radius:10px;padding:6px}
.card img{width:56px;height:56px;object-fit:cover;border-radius:6px}
.card a,.src a{color:inherit}
.card small{display:block;color:#555}
form{display:grid;gap:8px;width:100%}
input[type=email],input[type=text]{font:inherit;padding:8px;border:1px solid #767676;border-radius:8px}
label{display:flex;gap:8px;align-items:flex-start}
label,.err,.src{font-size:13px;margin:0}
.err{color:#b00020}
.b{max-width:300px;padding:12px 40px 12px 14px}
.b p{margin:0 0 8px}
.b .x{position:absolute;top:4px;right:4px;color:#555}
.ask{display:flex;gap:8px;width:auto;padding:8px 12px;border-top:1px solid #eee}
.ask input{flex:1;min-width:0}
.row{display:flex;flex-wrap:wrap;gap:6px}
.src{color:#555}
select{font:inherit;max-width:100%}
button:disabled{opacity:.6}
@media (prefers-reduced-motion:no-preference){.p,.b{animation:in .2s ease-out}@keyframes in{from{opacity:0;transform:translateY(8px)}}}`;
