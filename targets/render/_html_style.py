"""The HTML report's style sheet and its one script, with the policy that allows it.

Screen, phone and paper: at 640 px and less the goal column goes and the status column
stays in view (sticky) while the numbers scroll, and charts keep a width at which their
text stays legible (they scroll inside their card); on paper the summary table wraps its
cells to stay within the page, and every collapsed list opens before printing.
"""

from __future__ import annotations

import base64
import hashlib

from targets.render._palette import BADGE_COLOURS, BADGE_STYLE
from targets.render._svg_base import FONT

__all__ = ["CSS", "SCRIPT", "csp", "status_css"]


SCRIPT = (
    'addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true})})'
)
"""Print every card whole: collapsed figure lists open before printing."""


def csp() -> str:
    """Nothing may load; inline styles may apply; only the script below, by its hash, runs."""
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


CSS = """
:root{color-scheme:light;--text:#1d2730;--muted:#5b6873;--line:#e2e7ec;--bg:#f4f6f8}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--text);font:15px/1.45 FONT;
-webkit-text-size-adjust:100%}.wrap{max-width:1240px;margin:0 auto;padding:28px 20px 56px}
a{color:#1a56a8;text-decoration-thickness:1px;text-underline-offset:2px}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted)}
.eyebrow{margin:0;font-size:12px;font-weight:650;letter-spacing:.08em;text-transform:uppercase;
color:var(--muted)}h1{font-size:28px;line-height:1.2;margin:4px 0 6px;letter-spacing:-.01em}
.meta{margin:0 0 14px;color:var(--muted)}.gate{display:inline-block;padding:8px 14px;
border-radius:8px;font-weight:600;border:1px solid}.gate.fail{background:#fdecea;color:#a31515;
border-color:#f5c2c0}.gate.pass{background:#e8f4ea;color:#1b5e20;border-color:#b9dcbf}
.gate.none{background:#fff;color:var(--muted);border-color:var(--line)}.panel{background:#fff;
border:1px solid var(--line);border-radius:12px;padding:18px 20px;margin:20px 0}
.lead{font-size:18px;margin:0 0 12px}.bar{display:flex;height:30px;border-radius:7px;
overflow:hidden;gap:2px}.seg{background:var(--ink);color:#fff;font-weight:700;font-size:13px;
display:flex;align-items:center;justify-content:center;min-width:24px;text-decoration:none}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;list-style:none;padding:0;margin:12px 0 0}
.legend a{color:inherit;text-decoration:none}.swatch{display:inline-block;width:11px;height:11px;
border-radius:3px;background:var(--ink);margin-right:6px;vertical-align:-1px}
.legend b{font-variant-numeric:tabular-nums}h2{font-size:19px;margin:30px 0 12px;display:flex;
align-items:center;gap:10px}h2 .count{font-size:13px;background:var(--paper);color:var(--ink);
border-radius:10px;padding:1px 9px}.glance{width:100%;border-collapse:collapse;font-size:13.5px;
font-variant-numeric:tabular-nums}.glance th{font-size:11px;text-transform:uppercase;
letter-spacing:.05em;color:var(--muted);font-weight:600;text-align:right;padding:6px 8px;
border-bottom:1px solid var(--line)}.glance td{padding:6px 8px;border-bottom:1px solid var(--line);
text-align:right;white-space:nowrap}
.glance th:nth-child(-n+2),.glance td:nth-child(-n+2){text-align:left}
.glance td:nth-child(2){white-space:normal;color:var(--muted)}
.glance tr:last-child td{border-bottom:0}.scroll{overflow-x:auto}.chart-key{margin-top:14px;
overflow-x:auto}.grid{display:grid;
grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));gap:16px}
.grid.compact{grid-template-columns:repeat(auto-fill,minmax(min(100%,360px),1fr))}
.card{background:#fff;border:1px solid var(--line);border-top:4px solid var(--ink);
border-radius:10px;padding:14px 16px 12px;display:flex;flex-direction:column;gap:10px;min-width:0;
break-inside:avoid}.card>header{display:flex;justify-content:space-between;gap:12px;
align-items:flex-start}.card h3{font-size:16px;line-height:1.3;margin:0 0 2px}.badges{display:flex;
flex-direction:column;align-items:flex-end;gap:3px;flex:none}.badge{background:var(--paper);
color:var(--ink);border-radius:999px;padding:2px 10px;font-size:12.5px;font-weight:700;
white-space:nowrap}.badge{background:var(--badge-bg);color:var(--badge-fg)}.method,.fails{font-size:11.5px;color:var(--muted);white-space:nowrap}
.fails{color:#a31515;font-weight:600}.glance .fails{margin-right:4px}.aim{margin:0;font-weight:600}
.aim span,.label{color:var(--muted);font-weight:400}.card svg{display:block;width:100%;height:auto}
.numbers{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:8px;margin:0;
padding:10px 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
.numbers div{min-width:0}.numbers dt{font-size:10.5px;color:var(--muted);text-transform:uppercase;
letter-spacing:.04em;line-height:1.25;min-height:2.5em}.numbers small{display:block;
font-size:11.5px;font-weight:400;color:var(--muted)}.numbers dd{margin:2px 0 0;font-size:14.5px;
font-weight:650;font-variant-numeric:tabular-nums}.explain,.reason,p.chance{margin:0}
.reason{background:var(--paper);border-radius:8px;padding:8px 12px}.notes{margin:0;
padding-left:18px;font-size:13px;color:var(--muted)}.card footer{font-size:13px;color:var(--muted);
margin-top:auto}blockquote{margin:0 0 4px;padding-left:10px;border-left:3px solid var(--line);
color:var(--text);font-style:italic}.compact blockquote{font-size:12.5px}
.conflicts ul{margin:4px 0 0;padding-left:18px;color:var(--muted)}.card footer p{margin:2px 0}
details{font-size:13px}summary{cursor:pointer;color:var(--muted)}.figures{width:100%;
border-collapse:collapse;margin-top:6px;font-variant-numeric:tabular-nums}
.figures td,.figures th{padding:3px 6px;border-bottom:1px solid var(--line);text-align:left}
.figures th{font-weight:600;color:var(--muted)}.figures tr.unused td{color:var(--muted);
font-style:italic}.glance td.why{text-align:left;white-space:normal;color:var(--text)}
.glance tr.na td:first-child a{color:var(--muted)}.charts{display:grid;gap:8px}
.changes{margin:0;padding-left:18px}
.sparks{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:6px;
margin:10px 0}
.spark{margin:0;background:#fff;border:1px solid var(--line);border-left:3px solid var(--ink);
border-radius:6px;padding:3px 4px;min-width:0}.spark svg{display:block;width:100%;height:auto}
.spark polyline{fill:none;stroke:var(--ink);stroke-width:3}.spark .dot{fill:var(--ink)}
.spark .level{stroke:var(--muted);stroke-width:1.6;stroke-dasharray:6 4}.spark .goal{fill:#fff;
stroke:var(--ink);stroke-width:2.8}.spark figcaption{font-size:11.5px;overflow:hidden;
text-overflow:ellipsis;white-space:nowrap}.more{color:var(--muted);font-size:13px}
.per-entity{margin-top:28px}.per-entity h2{margin-bottom:4px}.per-entity>p{margin:4px 0}
.foot{margin-top:36px;font-size:12.5px;color:var(--muted)}
@media (max-width:640px){.numbers{grid-template-columns:repeat(2,minmax(0,1fr))}h1{font-size:22px}
.wrap{padding:18px 12px 40px}.panel{padding:14px}
.glance th:nth-child(2),.glance td:nth-child(2){display:none}.card>header{flex-direction:column}
.badges{align-items:flex-start}.glance th:last-child,.glance td:last-child{position:sticky;right:0;
background:#fff;box-shadow:-8px 0 8px -8px rgba(0,0,0,.35)}.card figure{overflow-x:auto}
.card figure svg{min-width:470px}}
@page{margin:12mm}@media print{body{background:#fff;font-size:10.5pt}
.wrap{max-width:none;padding:0}.panel,.card{border-color:#ccc}.grid{grid-template-columns:1fr 1fr}
a{color:inherit}h2{break-after:avoid}.scroll{overflow:visible}.glance{font-size:8.5pt}
.glance th,.glance td{white-space:normal;padding:3px 4px}
.glance td:first-child{word-break:break-word}.card figure svg{min-width:0}}
""".replace("FONT", FONT)


def status_css() -> str:
    """Each status's ink and paper, and its badge's text and background, as variables."""
    return "".join(
        f'[data-status="{status.value}"]{{--ink:{ink};--paper:{paper};'
        f"--badge-fg:{BADGE_STYLE[status][0]};--badge-bg:{BADGE_STYLE[status][1]}}}"
        for status, (ink, paper) in BADGE_COLOURS.items()
    )
