/* The console's one script and one style sheet, served as files so that
 * the Content-Security-Policy allows no inline script or style. */
#include "console/console_int.h"

const char con_app_js[] =
    "'use strict';\n"
    "// Ask before a form that changes decisions is sent (data-confirm).\n"
    "document.addEventListener('submit', function (e) {\n"
    "  var msg = e.target.getAttribute('data-confirm');\n"
    "  if (msg && !window.confirm(msg)) { e.preventDefault(); }\n"
    "});\n"
    "// Focus the first empty field of the page's main form.\n"
    "window.addEventListener('DOMContentLoaded', function () {\n"
    "  var f = document.querySelector('main input[type=text], main input[type=password]');\n"
    "  if (f) { f.focus(); }\n"
    "});\n";

const char con_app_css[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}\n"
    "header{background:#1f3b57;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}\n"
    "header a{color:#fff;text-decoration:none;font-weight:600}\n"
    "header form{margin-left:auto}\n"
    "main{padding:16px;max-width:1200px}\n"
    "h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:20px 0 8px}\n"
    "table{border-collapse:collapse;background:#fff;width:100%}\n"
    "th,td{border:1px solid #d5dbe3;padding:4px 8px;text-align:left;vertical-align:top}\n"
    "th{background:#e9eef4}\n"
    "pre{background:#fff;border:1px solid #d5dbe3;padding:8px;overflow:auto;white-space:pre-wrap}\n"
    "form.inline{display:inline}\n"
    "label{display:inline-block;margin:4px 12px 4px 0}\n"
    "input,select,button{font:inherit;padding:3px 6px}\n"
    "button{background:#1f3b57;color:#fff;border:0;border-radius:3px;padding:4px 12px}\n"
    ".msg{background:#fff4d6;border:1px solid #e0c36a;padding:8px;margin:8px 0}\n"
    ".err{background:#fde2e1;border:1px solid #e39a96;padding:8px;margin:8px 0}\n"
    ".ok{background:#e1f5e4;border:1px solid #8cc798;padding:8px;margin:8px 0}\n"
    ".muted{color:#5d6b7a}\n"
    "table.facts th{width:14em}\n"
    "table.trace{margin-top:6px}td.num{text-align:right;white-space:nowrap}\n"
    "section.version{margin:12px 0 20px;padding-left:10px;border-left:3px solid #c3cfdc}\n"
    "section.version h3{font-size:15px;margin:6px 0}\n"
    ".hash{font-family:monospace;font-size:11px;color:#5d6b7a;word-break:break-all}\n"
    "td.outcome{font-weight:600}\n";
