"""The page's stylesheet: Slack's light theme with the aubergine sidebar, in plain CSS with no external assets."""

from __future__ import annotations

CSS = """
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.46668 Lato,"Helvetica Neue",Helvetica,"Segoe UI",Arial,sans-serif,"Noto Color Emoji";color:#1d1c1d;
  background:#3f0e40;-webkit-font-smoothing:antialiased}
a{color:#1264a3;text-decoration:none}a:hover{text-decoration:underline}
.app{display:grid;grid-template-rows:40px 1fr;grid-template-columns:260px 1fr;height:100vh}
.topbar{grid-column:1/3;background:#350d36;display:flex;align-items:center;justify-content:center;
  border-bottom:1px solid rgba(255,255,255,.1)}
.search{width:min(600px,60%);height:26px;border-radius:6px;background:rgba(255,255,255,.2);color:#e8dee8;
  font-size:13px;line-height:26px;padding:0 12px}
.sidebar{background:#3f0e40;color:#cfc3cf;overflow-y:auto;padding-bottom:20px;border-right:1px solid #522653}
.workspace{color:#fff;font-weight:900;font-size:18px;padding:12px 16px;border-bottom:1px solid #522653;
  display:flex;align-items:center;justify-content:space-between}
.workspace small{font-weight:400;font-size:12px;color:#cfc3cf}
.nav-section{margin-top:14px}
.nav-title{font-size:14px;padding:2px 16px;color:#cfc3cf;font-weight:400}
.nav-title::before{content:"▾ ";font-size:11px}
.nav a{display:flex;align-items:center;gap:8px;color:#cfc3cf;padding:3px 16px 3px 26px;font-size:15px;
  line-height:22px;margin:0 8px;border-radius:6px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.nav a:hover{background:#350d36;text-decoration:none}
.nav a .hash{width:16px;text-align:center;opacity:.8}
.nav .count{margin-left:auto;font-size:12px;opacity:.7}
.nav .avatar{width:20px;height:20px;font-size:9px;border-radius:4px}
.panels{background:#fff;overflow:hidden;border-top-left-radius:8px;position:relative}
.panel{display:none;flex-direction:column;height:100%}
.panel:target,.panels:not(:has(.panel:target)) #overview{display:flex}
.panel-head{flex:none;height:49px;border-bottom:1px solid #dddddd;display:flex;align-items:center;gap:10px;
  padding:0 20px}
.panel-title{font-weight:900;font-size:18px}
.panel-sub{color:#616061;font-size:13px;margin-left:4px}
.panel-head .avatar{width:24px;height:24px;font-size:10px}
.tabs{flex:none;display:flex;gap:24px;padding:0 20px;border-bottom:1px solid #dddddd;font-size:13px;font-weight:700}
.tabs span{padding:8px 0;color:#616061}.tabs span.on{color:#1d1c1d;box-shadow:inset 0 -2px 0 #1264a3}
.scroll{flex:1;overflow-y:auto;display:flex;flex-direction:column-reverse}
.feed{padding:8px 0 24px}
.home-scroll{flex-direction:column}
.day-divider{position:relative;text-align:center;margin:16px 0 4px;height:28px}
.day-divider::before{content:"";position:absolute;left:0;right:0;top:50%;border-top:1px solid #dddddd}
.day-divider span{position:relative;display:inline-block;background:#fff;border:1px solid #dddddd;border-radius:24px;
  padding:0 16px;font-size:13px;font-weight:700;line-height:26px}
.msg{display:flex;padding:8px 20px;gap:8px}
.msg.folded{padding-top:2px}
.msg:hover{background:#f8f8f8}
.gutter{flex:none;width:36px}
.msg.folded .gutter time{visibility:hidden;font-size:11px;line-height:22px}
.msg.folded:hover .gutter time{visibility:visible}
.avatar{width:36px;height:36px;border-radius:6px;color:#fff;font-weight:700;font-size:14px;display:flex;
  align-items:center;justify-content:center;flex:none}
.avatar.app{background:linear-gradient(135deg,#611f69 0%,#4a154b 55%,#e01e5a 130%)}
.msg-main{min-width:0;flex:1}
.msg-head{display:flex;align-items:baseline;gap:6px;line-height:22px}
.author{font-weight:900}
.app-badge{background:rgba(29,28,29,.13);color:rgba(29,28,29,.7);font-size:10px;font-weight:700;border-radius:2px;
  padding:0 3px;line-height:16px}
time{color:#616061;font-size:12px}
.edited{color:#616061;font-size:13px}
.only-you{color:#616061;font-size:13px;margin-bottom:2px}
.msg.ephemeral{background:#f8f8f8}
.bk-blocks{display:flex;flex-direction:column;gap:4px}
.bk-text{word-wrap:break-word}
.bk-section{display:flex;gap:12px;align-items:flex-start}
.bk-section-body{flex:1;min-width:0}
.bk-fields{max-width:600px;display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:4px}
.bk-accessory{flex:none}
.bk-thumbnail{width:88px;height:88px;object-fit:cover;border-radius:6px}
.bk-header{font-size:18px;font-weight:900;line-height:1.33;margin:4px 0 2px}
.bk-context{display:flex;flex-wrap:wrap;align-items:center;gap:6px;color:#616061;font-size:13px;line-height:1.38}
.bk-context-image{width:20px;height:20px;border-radius:4px}
.bk-divider{border:0;border-top:1px solid #dddddd;margin:10px 0;width:100%}
.bk-actions{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0}
.bk-button,.bk-overflow{font:inherit;font-size:13px;font-weight:700;height:28px;padding:0 12px;border-radius:4px;
  border:1px solid rgba(29,28,29,.3);background:#fff;color:#1d1c1d;cursor:default;white-space:nowrap}
.bk-button-primary{background:#007a5a;border-color:#007a5a;color:#fff}
.bk-button-danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.bk-overflow{padding:0 8px;letter-spacing:1px}
.bk-select{display:inline-flex;align-items:center;gap:6px;min-width:160px;height:28px;padding:0 8px 0 12px;
  border:1px solid rgba(29,28,29,.3);border-radius:4px;font-size:14px;background:#fff}
.bk-caret{margin-left:auto;color:#616061;font-size:11px}
.bk-placeholder{color:#868686}
.bk-chip{background:#f0f0f0;border-radius:4px;padding:0 6px;font-size:13px}
.bk-image{margin:4px 0}.bk-image-title{font-size:13px;color:#616061;margin-bottom:4px}
.bk-picture,.file-image img{max-width:min(100%,640px);border-radius:8px;border:1px solid #e8e8e8;display:block}
.image-missing{display:inline-block;background:#f8f8f8;border:1px dashed #bbb;border-radius:6px;color:#616061;
  font-size:12px;padding:8px}
.bk-input{margin:8px 0}.bk-label{font-weight:700;margin-bottom:4px}
.bk-optional,.bk-hint{color:#616061;font-weight:400;font-size:13px}
.bk-text-input{font:inherit;width:100%;max-width:560px;border:1px solid rgba(29,28,29,.3);border-radius:4px;padding:8px;
  background:#fff;color:#1d1c1d}
textarea.bk-text-input{min-height:80px}
.bk-choices{display:flex;flex-direction:column;gap:4px}
.bk-choice{display:flex;gap:8px;align-items:flex-start}.bk-choice-note{display:block;color:#616061;font-size:13px}
.bk-unsupported{display:inline-block;background:#fff4e5;border:1px dashed #e8912d;color:#8a4b00;border-radius:4px;
  padding:2px 8px;font-size:13px;font-family:Monaco,Menlo,Consolas,monospace}
.bk-rich-text ul,.bk-rich-text ol{margin:2px 0;padding-left:24px}
.mention{background:rgba(29,155,209,.1);color:#1264a3;border-radius:3px;padding:0 2px}
.mention-broadcast{background:rgba(242,199,68,.4);color:#1d1c1d}
code{font-family:Monaco,Menlo,Consolas,"Courier New",monospace;font-size:12px;color:#e01e5a;background:#f8f8f8;
  border:1px solid #dddddd;border-radius:3px;padding:2px 3px}
pre{font-family:Monaco,Menlo,Consolas,"Courier New",monospace;font-size:12px;background:#f8f8f8;
  border:1px solid #dddddd;border-radius:4px;padding:8px;margin:4px 0;white-space:pre-wrap}
blockquote{margin:2px 0;border-left:4px solid #dddddd;padding-left:12px}
.emoji{font-family:"Noto Color Emoji","Apple Color Emoji","Segoe UI Emoji",sans-serif;font-size:1.1em}
.attachment{border-left:4px solid #ddd;padding:2px 0 2px 12px;margin:4px 0}
.file-image{margin:4px 0}.file-image figcaption{font-size:13px;color:#616061;margin-bottom:4px}
.file-card{display:inline-flex;align-items:center;gap:10px;border:1px solid #dddddd;border-radius:8px;padding:10px 14px;
  margin:4px 0;background:#fff}
.file-icon{font-size:24px}.file-name{display:block;font-weight:700}.file-meta{display:block;color:#616061;font-size:13px}
.reactions{display:flex;gap:4px;margin-top:4px;flex-wrap:wrap}
.reaction{display:inline-flex;align-items:center;gap:4px;border-radius:24px;background:#efefef;padding:0 8px;
  font-size:12px;line-height:22px;border:1px solid transparent}
.reaction .count{font-weight:700;color:#1d1c1d}
.thread{border-left:2px solid #e8e8e8;margin-top:6px}
.thread .msg{padding:6px 12px}
.thread-count{color:#1264a3;font-size:13px;font-weight:700;padding-left:12px}
.empty{color:#616061;padding:40px 20px;text-align:center}
.home{padding:20px 28px;max-width:900px}
.form{max-width:620px;border:1px solid #dddddd;border-radius:8px;padding:0 24px 16px;
  box-shadow:0 4px 12px rgba(0,0,0,.08)}
.form-title{font-weight:900;font-size:20px;padding:18px 0 12px;border-bottom:1px solid #dddddd;margin-bottom:8px}
.form-buttons{display:flex;justify-content:flex-end;gap:8px;padding-top:12px;border-top:1px solid #dddddd}
.overview{padding:24px 28px;max-width:860px;overflow-y:auto}
.overview h1{font-size:26px;margin:0 0 4px}.overview p{color:#616061;margin:0 0 16px}
.overview ul{padding-left:20px}.overview li{margin:4px 0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px;margin-top:20px}
.card{border:1px solid #dddddd;border-radius:8px;padding:12px 14px;color:#1d1c1d}
.card:hover{background:#f8f8f8;text-decoration:none}.card b{display:block}.card span{color:#616061;font-size:13px}
"""
