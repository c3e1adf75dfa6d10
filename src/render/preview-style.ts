// The preview page's one stylesheet: WhatsApp's received-message look, light and dark (following
// the reader's system setting), inline in the page so nothing is fetched. System fonts only.

export const PREVIEW_CSS = `
:root {
  color-scheme: light dark;
  --page: #f0f2f5; --ink: #111b21; --muted: #667781; --chat: #efeae2; --bubble: #ffffff;
  --card: #f0f2f5; --line: #e9edef; --link: #027eb5; --accent: #008069; --var: rgba(0, 128, 105, 0.13);
  --art: #d1d7db; --art-ink: #8696a0; --before: #fdecec; --after: #e7f6ee; --shadow: rgba(11, 20, 26, 0.13);
}
@media (prefers-color-scheme: dark) {
  :root {
    --page: #111b21; --ink: #e9edef; --muted: #8696a0; --chat: #0b141a; --bubble: #202c33;
    --card: #1d282f; --line: #2a3942; --link: #53bdeb; --accent: #00a884; --var: rgba(0, 168, 132, 0.2);
    --art: #2a3942; --art-ink: #8696a0; --before: #3a2326; --after: #17352a; --shadow: rgba(0, 0, 0, 0.4);
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--page); color: var(--ink);
  font: 14.2px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", sans-serif;
}
.page-head { padding: 20px 24px 8px; }
.page-head h1 { margin: 0 0 4px; font-size: 20px; }
.page-head p { margin: 0; color: var(--muted); }
main { display: flex; flex-wrap: wrap; gap: 20px; padding: 16px 24px 32px; align-items: flex-start; }
.template, .change { background: var(--bubble); border: 1px solid var(--line); border-radius: 10px; padding: 12px; }
.template { width: 372px; }
.change { width: 770px; max-width: 100%; }
.template h2, .change h2 { margin: 0; font-size: 14px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.meta { margin: 2px 0 10px; color: var(--muted); font-size: 12.5px; }
.sides { display: flex; gap: 14px; flex-wrap: wrap; }
.sides figure { margin: 0; flex: 1 1 340px; }
.sides figcaption { font-size: 12.5px; color: var(--muted); margin-bottom: 6px; }
.sides .before figcaption::before { content: "− "; }
.sides .after figcaption::before { content: "+ "; }
.absent { border-radius: 8px; padding: 24px 12px; text-align: center; color: var(--muted); background: var(--chat); }
.change[data-action="create"] .after .chat, .change[data-action="replace"] .after .chat { box-shadow: inset 0 0 0 2px var(--after); }
.change[data-action="delete"] .before .chat, .change[data-action="replace"] .before .chat { box-shadow: inset 0 0 0 2px var(--before); }
.action { font-size: 12.5px; margin: 2px 0 10px; }
.action[data-action="blocked"] { color: #d93f0b; }
.chat {
  background: var(--chat); border-radius: 8px; padding: 14px 12px 16px;
  background-image: radial-gradient(var(--line) 1px, transparent 1px); background-size: 14px 14px;
}
.bubble {
  position: relative; background: var(--bubble); border-radius: 0 7.5px 7.5px 7.5px;
  padding: 4px 4px 6px; box-shadow: 0 1px 0.5px var(--shadow);
}
.bubble::before {
  content: ""; position: absolute; top: 0; left: -8px; border: 8px solid transparent;
  border-top-color: var(--bubble); border-right-color: var(--bubble); border-width: 0 8px 10px 0;
}
.message { width: fit-content; min-width: 60%; max-width: min(320px, 85%); }
.chat[dir="rtl"] .message { margin-left: auto; }
.chat[dir="rtl"] .bubble { border-radius: 7.5px 0 7.5px 7.5px; }
.chat[dir="rtl"] .bubble::before { left: auto; right: -8px; border-width: 0 0 10px 8px; border-right-color: transparent; border-left-color: var(--bubble); }
.header-text { font-weight: 600; padding: 4px 6px 2px; white-space: pre-wrap; overflow-wrap: anywhere; }
.body { padding: 4px 6px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.footer { padding: 2px 6px 0; color: var(--muted); font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
.time { text-align: end; color: var(--muted); font-size: 11px; padding: 0 4px; margin-top: -2px; }
.var { background: var(--var); border-radius: 3px; padding: 0 1px; }
.var.missing { color: #d93f0b; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
.header-media { border-radius: 6px; overflow: hidden; background: var(--art); color: var(--art-ink); margin-bottom: 2px; }
.media-art { height: 150px; display: flex; align-items: center; justify-content: center; }
.media-art .icon { width: 56px; height: 56px; }
.video .media-art .icon { width: 44px; height: 44px; fill: #fff; background: rgba(11, 20, 26, 0.45); border-radius: 50%; padding: 8px 6px 8px 10px; }
.media-caption { font-size: 11.5px; padding: 3px 8px; background: rgba(11, 20, 26, 0.06); overflow-wrap: anywhere; }
.header-media.document { display: flex; align-items: center; gap: 8px; padding: 10px; background: var(--card); color: var(--ink); }
.document .icon { width: 28px; height: 28px; fill: #e54b4b; flex: none; }
.doc-name { flex: 1; overflow-wrap: anywhere; font-size: 13px; }
.doc-kind { font-size: 11px; color: var(--muted); }
.media-link { color: inherit; }
.icon { width: 18px; height: 18px; fill: currentColor; flex: none; }
.lto { display: flex; gap: 10px; margin: 4px 2px 2px; padding: 9px 10px; border-radius: 6px; background: var(--card); }
.lto-icon { width: 34px; height: 34px; border-radius: 50%; background: var(--var); color: var(--accent); display: flex; align-items: center; justify-content: center; flex: none; }
.lto-text { font-weight: 600; }
.lto-expiry { color: var(--muted); font-size: 13px; }
.lto-code { font-size: 13px; margin-top: 2px; }
.coupon { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; letter-spacing: 0.04em; }
.product-card { border-radius: 6px; background: var(--card); margin-bottom: 2px; overflow: hidden; }
.product-card.single, .product-card.catalog { display: flex; gap: 10px; align-items: center; padding: 8px; }
.product-art { width: 64px; height: 64px; border-radius: 6px; background: var(--art); color: var(--art-ink); display: flex; align-items: center; justify-content: center; flex: none; }
.product-art .icon { width: 30px; height: 30px; fill: none; stroke: currentColor; stroke-width: 1.6; }
.product-info { display: flex; flex-direction: column; }
.product-title { font-weight: 600; }
.product-price { color: var(--muted); font-size: 12.5px; }
.product-tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 4px; padding: 6px; }
.product-tile { display: flex; flex-direction: column; align-items: center; gap: 2px; }
.product-tile .product-art { width: 100%; height: 56px; }
.product-id { font-size: 10.5px; color: var(--muted); overflow-wrap: anywhere; text-align: center; }
.product-count { font-size: 12.5px; color: var(--muted); padding: 0 8px 6px; }
.button {
  display: flex; align-items: center; justify-content: center; gap: 6px; margin-top: 2px; padding: 9px 10px;
  background: var(--bubble); color: var(--link); border-radius: 7.5px; font-weight: 500;
  box-shadow: 0 1px 0.5px var(--shadow); overflow-wrap: anywhere; text-align: center;
}
.button .coupon { color: var(--ink); }
details.more > summary { list-style: none; cursor: pointer; }
details.more > summary::-webkit-details-marker { display: none; }
details.more[open] > summary { opacity: 0.7; }
.legend { color: var(--muted); font-size: 12.5px; padding: 0 24px 24px; }
`;
