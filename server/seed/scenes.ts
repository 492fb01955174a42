/**
 * SVG drawings for the generated demo images: a simple scene or card per photo role, with the role
 * label in Chinese, the plate number and a phone-camera style time watermark, so an officer
 * reviewing a demo case sees which photo is which. Rasterised by sharp (librsvg + pango, which
 * finds the CJK font through fontconfig).
 */
export const PHOTO_W = 480;
export const PHOTO_H = 320;
export const SCAN_W = 360;
export const SCAN_H = 480;

const FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, Source Han Sans SC, sans-serif";

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  front_side: '侧前方45°全景',
  rear_side: '侧后方45°全景',
  collision: '碰撞部位近景',
  plate: '号牌',
  driving_licence: '机动车驾驶证',
  vehicle_licence: '机动车行驶证',
  scene: '现场照片',
  evidence: '举报证据',
};

export interface SceneSpec {
  readonly role: string;
  /** Plates visible in the photo (the party's own, or all parties' for overview photos). */
  readonly plates: readonly string[];
  /** Asia/Shanghai wall time for the watermark, "2026-11-20 09:15". */
  readonly stamp: string;
  /** Card holder's name (licences) */
  readonly holder?: string;
  readonly vehicleType?: string;
  /** Small variation (colour, position) so photos of different cases differ. */
  readonly variant: number;
  readonly caption?: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CAR_COLOURS = ['#c0392b', '#2c3e50', '#ecf0f1', '#7f8c8d', '#2980b9', '#16a085', '#f1c40f', '#8e44ad'];

function isNewEnergy(plate: string): boolean {
  return plate.replace('·', '').length === 8;
}

function plateRect(x: number, y: number, plate: string, scale = 1): string {
  const w = 110 * scale;
  const h = 30 * scale;
  const ne = isNewEnergy(plate);
  const fill = ne ? '#5fcf80' : '#1b4fa0';
  const ink = ne ? '#111' : '#fff';
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${3 * scale}" fill="${fill}" stroke="#eee" stroke-width="${1.5 * scale}"/>` +
    `<text x="${x + w / 2}" y="${y + h * 0.74}" font-size="${18 * scale}" text-anchor="middle" fill="${ink}" font-family="${FONT}" font-weight="bold">${esc(plate)}</text>`;
}

function car(x: number, y: number, colour: string, plate: string | undefined, flip: boolean): string {
  const body = flip
    ? `<path d="M${x} ${y + 40} l20 -38 h120 l40 38 h20 v50 h-200 z" fill="${colour}" stroke="#222"/>`
    : `<path d="M${x} ${y + 40} l40 -38 h120 l20 38 h20 v50 h-200 z" fill="${colour}" stroke="#222"/>`;
  return body +
    `<rect x="${x + (flip ? 35 : 50)}" y="${y + 8}" width="50" height="28" fill="#9cc3dd"/>` +
    `<rect x="${x + (flip ? 95 : 110)}" y="${y + 8}" width="50" height="28" fill="#9cc3dd"/>` +
    `<circle cx="${x + 45}" cy="${y + 92}" r="20" fill="#222"/><circle cx="${x + 165}" cy="${y + 92}" r="20" fill="#222"/>` +
    (plate ? plateRect(x + 55, y + 55, plate, 0.85) : '');
}

function watermark(stamp: string, label: string): string {
  return `<rect x="0" y="${PHOTO_H - 34}" width="${PHOTO_W}" height="34" fill="#000" fill-opacity="0.45"/>` +
    `<text x="12" y="${PHOTO_H - 11}" font-size="16" fill="#fff" font-family="${FONT}">${esc(label)}</text>` +
    `<text x="${PHOTO_W - 12}" y="${PHOTO_H - 11}" font-size="15" fill="#ffd54f" text-anchor="end" font-family="${FONT}">${esc(stamp)}</text>`;
}

function frame(inner: string, background: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${PHOTO_W}" height="${PHOTO_H}" viewBox="0 0 ${PHOTO_W} ${PHOTO_H}">` +
    `<rect width="${PHOTO_W}" height="${PHOTO_H}" fill="${background}"/>${inner}</svg>`;
}

function road(v: number): string {
  const sky = ['#a9cce3', '#d6dbdf', '#aeb6bf', '#f5cba7'][v % 4];
  return `<rect width="${PHOTO_W}" height="120" fill="${sky}"/>` +
    `<rect y="120" width="${PHOTO_W}" height="${PHOTO_H - 120}" fill="#5d6d7e"/>` +
    `<path d="M0 210 H${PHOTO_W}" stroke="#fdfefe" stroke-width="4" stroke-dasharray="30 20"/>`;
}

function licenceCard(title: string, lines: readonly string[], v: number): string {
  const tint = ['#e8f0e0', '#f3ecd9', '#e3ecf5'][v % 3];
  let body = `<rect x="30" y="24" width="${PHOTO_W - 60}" height="${PHOTO_H - 70}" rx="12" fill="${tint}" stroke="#7d6608" stroke-width="2"/>` +
    `<text x="${PHOTO_W / 2}" y="62" font-size="20" text-anchor="middle" fill="#1c2833" font-family="${FONT}" font-weight="bold">${esc(title)}</text>` +
    `<rect x="${PHOTO_W - 150}" y="86" width="90" height="112" fill="#d5d8dc" stroke="#999"/>`;
  lines.forEach((line, i) => {
    body += `<text x="56" y="${104 + i * 30}" font-size="16" fill="#1c2833" font-family="${FONT}">${esc(line)}</text>`;
  });
  return body;
}

export function sceneSvg(s: SceneSpec): string {
  const label = ROLE_LABELS[s.role] ?? s.role;
  const plates = s.plates;
  const v = s.variant;
  const c1 = CAR_COLOURS[v % CAR_COLOURS.length] ?? '#c0392b';
  const c2 = CAR_COLOURS[(v * 3 + 1) % CAR_COLOURS.length] ?? '#2c3e50';
  switch (s.role) {
    case 'front_side':
    case 'rear_side': {
      const flip = s.role === 'rear_side';
      const inner = road(v) + car(30 + (v % 3) * 6, 130, c1, plates[0], flip) + car(230 - (v % 4) * 5, 150, c2, plates[1], flip) +
        `<text x="14" y="30" font-size="18" fill="#1c2833" font-family="${FONT}">${esc(label)}</text>` + watermark(s.stamp, s.caption ?? label);
      return frame(inner, '#5d6d7e');
    }
    case 'collision': {
      const dent = `<path d="M200 120 l20 30 l-15 20 l30 25 l-10 30" stroke="#111" stroke-width="4" fill="none"/>` +
        `<ellipse cx="215" cy="170" rx="70" ry="50" fill="#000" fill-opacity="0.18"/>`;
      const inner = `<rect x="0" y="40" width="${PHOTO_W}" height="220" fill="${c1}"/>` + `<rect x="330" y="60" width="150" height="180" fill="${c2}"/>` + dent +
        (plates[0] ? plateRect(40, 200, plates[0], 0.9) : '') + `<text x="14" y="30" font-size="18" fill="#fff" font-family="${FONT}">${esc(label)}</text>` +
        watermark(s.stamp, s.caption ?? label);
      return frame(inner, '#34495e');
    }
    case 'plate': {
      const inner = `<rect x="60" y="70" width="360" height="170" fill="${c1}"/>` + plateRect(90, 115, plates[0] ?? '无号牌', 2.7) + watermark(s.stamp, s.caption ?? label);
      return frame(inner, '#566573');
    }
    case 'driving_licence':
      return frame(
        licenceCard('中华人民共和国机动车驾驶证', [`姓名 ${s.holder ?? ''}`, '准驾车型 C1', '有效期限 6年', '（演示数据）'], v) + watermark(s.stamp, s.caption ?? label),
        '#7b7d7d',
      );
    case 'vehicle_licence':
      return frame(
        licenceCard('中华人民共和国机动车行驶证', [`号牌号码 ${plates[0] ?? ''}`, `车辆类型 ${s.vehicleType ?? ''}`, `所有人 ${s.holder ?? ''}`, '（演示数据）'], v) +
          watermark(s.stamp, s.caption ?? label),
        '#7b7d7d',
      );
    default: {
      // tip evidence / scene: a dim street front with a lit sign
      const inner = `<rect width="${PHOTO_W}" height="${PHOTO_H}" fill="#1b2631"/>` +
        `<rect x="${60 + (v % 5) * 10}" y="70" width="300" height="170" fill="#283747" stroke="#85929e"/>` +
        `<rect x="${90 + (v % 5) * 10}" y="90" width="240" height="40" fill="#b03a2e"/>` +
        `<text x="${210 + (v % 5) * 10}" y="118" font-size="20" text-anchor="middle" fill="#fdebd0" font-family="${FONT}">${esc(s.caption ?? label)}</text>` +
        watermark(s.stamp, label);
      return frame(inner, '#1b2631');
    }
  }
}

/** A scanned document page for an application material. */
export function scanSvg(title: string, holder: string, service: string, variant: number): string {
  const lines = [`申请人：${holder}`, `事项：${service}`, '此件为演示用扫描件', `编号：${String(100000 + variant * 7919).slice(-6)}`];
  let body = `<svg xmlns="http://www.w3.org/2000/svg" width="${SCAN_W}" height="${SCAN_H}" viewBox="0 0 ${SCAN_W} ${SCAN_H}">` +
    `<rect width="${SCAN_W}" height="${SCAN_H}" fill="#f4f6f6"/>` +
    `<rect x="18" y="18" width="${SCAN_W - 36}" height="${SCAN_H - 36}" fill="#fff" stroke="#aab7b8"/>` +
    `<text x="${SCAN_W / 2}" y="70" font-size="20" text-anchor="middle" fill="#17202a" font-family="${FONT}" font-weight="bold">${esc(title)}</text>`;
  lines.forEach((line, i) => {
    body += `<text x="40" y="${130 + i * 34}" font-size="15" fill="#212f3d" font-family="${FONT}">${esc(line)}</text>`;
  });
  for (let i = 0; i < 6; i++) body += `<rect x="40" y="${290 + i * 22}" width="${200 + ((variant + i * 37) % 80)}" height="6" fill="#d5d8dc"/>`;
  body += `<circle cx="${SCAN_W - 90}" cy="${SCAN_H - 80}" r="38" fill="none" stroke="#c0392b" stroke-width="3" stroke-opacity="0.7"/></svg>`;
  return body;
}
