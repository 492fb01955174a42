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

import { hashString, Rng } from './prng';

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

/** A car at (x, y), scaled about its top-left corner (nearer cars look larger). */
function scaledCar(x: number, y: number, scale: number, colour: string, plate: string | undefined, flip: boolean): string {
  return `<g transform="translate(${x} ${y}) scale(${scale.toFixed(2)}) translate(${-x} ${-y})">${car(x, y, colour, plate, flip)}</g>`;
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

/**
 * The layout of one outdoor photo, drawn from the photo's own content (role, plates, time, variant)
 * rather than from `variant` alone: two cases' photos then differ in composition (horizon, skyline,
 * trees, where the cars stand and how large), as real photos of different scenes do. Cases whose
 * photos differed only in colour were near-duplicates to a perceptual hash (server/domain/forensics.ts).
 */
interface Layout {
  readonly rng: Rng;
  readonly horizon: number;
}

function layoutOf(s: SceneSpec): Layout {
  const rng = new Rng(hashString(`${s.role}|${s.plates.join(',')}|${s.stamp}|${s.variant}|${s.caption ?? ''}`));
  return { rng, horizon: rng.int(70, 175) };
}

function grey(rng: Rng, min: number, max: number): string {
  const v = rng.int(min, max);
  const tint = rng.int(-12, 12);
  const c = (x: number) => Math.max(0, Math.min(255, x)).toString(16).padStart(2, '0');
  return `#${c(v + tint)}${c(v)}${c(v - tint)}`;
}

/** Daylight or a street lamp from one side: a soft gradient at a random angle, as on any real close-up. */
function lighting(rng: Rng): string {
  const a = (rng.int(0, 359) * Math.PI) / 180;
  const x = (v: number) => (50 + 50 * v).toFixed(0);
  const id = `l${rng.int(0, 1e6)}`;
  return `<defs><linearGradient id="${id}" x1="${x(-Math.cos(a))}%" y1="${x(-Math.sin(a))}%" x2="${x(Math.cos(a))}%" y2="${x(Math.sin(a))}%">` +
    `<stop offset="0" stop-color="#fff" stop-opacity="${(rng.int(15, 40) / 100).toFixed(2)}"/><stop offset="1" stop-color="#000" stop-opacity="${(rng.int(15, 45) / 100).toFixed(2)}"/></linearGradient></defs>` +
    `<rect width="${PHOTO_W}" height="${PHOTO_H}" fill="url(#${id})"/>`;
}

function road(l: Layout): string {
  const { rng, horizon } = l;
  let out = `<rect width="${PHOTO_W}" height="${horizon}" fill="${grey(rng, 150, 240)}"/>`;
  // skyline: buildings of random width and height, some with lit window rows
  for (let x = -rng.int(0, 60); x < PHOTO_W; ) {
    const w = rng.int(30, 130);
    const h = rng.int(15, Math.max(20, horizon - 10));
    if (rng.chance(0.8)) {
      out += `<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="${grey(rng, 40, 200)}"/>`;
      for (let wy = horizon - h + 8; wy < horizon - 8; wy += rng.int(10, 18)) out += `<rect x="${x + 4}" y="${wy}" width="${w - 8}" height="3" fill="${grey(rng, 20, 250)}" fill-opacity="0.6"/>`;
    }
    x += w + rng.int(0, 40);
  }
  const ground = grey(rng, 60, 140);
  out += `<rect y="${horizon}" width="${PHOTO_W}" height="${PHOTO_H - horizon}" fill="${ground}"/>`;
  // kerb, lane markings in perspective, trees and a pole
  const lane = rng.int(horizon + 30, PHOTO_H - 40);
  const tilt = rng.int(-60, 60);
  out += `<path d="M0 ${lane - tilt / 2} L${PHOTO_W} ${lane + tilt / 2}" stroke="#fdfefe" stroke-width="${rng.int(3, 7)}" stroke-dasharray="${rng.int(15, 40)} ${rng.int(10, 30)}"/>`;
  out += `<path d="M0 ${horizon + rng.int(2, 20)} L${PHOTO_W} ${horizon + rng.int(2, 20)}" stroke="${grey(rng, 150, 220)}" stroke-width="${rng.int(4, 10)}"/>`;
  for (let t = rng.int(0, 3); t > 0; t--) {
    const tx = rng.int(0, PHOTO_W);
    const r = rng.int(14, 40);
    out += `<rect x="${tx - 3}" y="${horizon - r}" width="6" height="${r + 10}" fill="#4a3b2a"/><circle cx="${tx}" cy="${horizon - r}" r="${r}" fill="${grey(rng, 30, 110)}"/>`;
  }
  if (rng.chance(0.5)) out += `<rect x="${rng.int(0, PHOTO_W)}" y="${horizon - rng.int(60, 110)}" width="5" height="${rng.int(90, 150)}" fill="${grey(rng, 20, 90)}"/>`;
  return out;
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
    case 'scene': {
      // the wider view of the road: small cars further off, a warning triangle behind them
      const l = layoutOf(s);
      const { rng, horizon } = l;
      let inner = road(l);
      for (let k = 0; k < 2; k++) {
        const sc = rng.int(40, 75) / 100;
        inner += scaledCar(rng.int(0, 360), Math.min(PHOTO_H - 110, horizon + rng.int(-10, 50)), sc, k === 0 ? c1 : c2, undefined, rng.chance(0.5));
      }
      const tx = rng.int(20, 440);
      const ty = rng.int(horizon + 40, PHOTO_H - 50);
      inner += `<path d="M${tx} ${ty} l14 -26 l14 26 z" fill="none" stroke="#e74c3c" stroke-width="4"/>` + lighting(rng) +
        `<text x="14" y="30" font-size="18" fill="#1c2833" font-family="${FONT}">${esc(label)}</text>` + watermark(s.stamp, s.caption ?? label);
      return frame(inner, '#5d6d7e');
    }
    case 'front_side':
    case 'rear_side': {
      const flip = s.role === 'rear_side';
      const l = layoutOf(s);
      const { rng, horizon } = l;
      const scene = road(l);
      const s1 = rng.int(70, 125) / 100;
      const s2 = rng.int(70, 125) / 100;
      const x1 = rng.int(-10, 120);
      const x2 = Math.min(PHOTO_W - 60, x1 + Math.round(180 * s1) + rng.int(-50, 40));
      const y1 = Math.min(PHOTO_H - 150, horizon + rng.int(-20, 40));
      const y2 = Math.min(PHOTO_H - 150, horizon + rng.int(-10, 60));
      const inner = scene + scaledCar(x1, y1, s1, c1, plates[0], flip) + scaledCar(x2, y2, s2, c2, plates[1], flip) + lighting(rng) +
        `<text x="14" y="30" font-size="18" fill="#1c2833" font-family="${FONT}">${esc(label)}</text>` + watermark(s.stamp, s.caption ?? label);
      return frame(inner, '#5d6d7e');
    }
    case 'collision': {
      // a close-up is mostly two panels: their colours and where they meet carry the picture
      const { rng } = layoutOf(s);
      const c1 = rng.pick(CAR_COLOURS);
      const c2 = rng.pick(CAR_COLOURS.filter((c) => c !== c1));
      const mirrored = rng.chance(0.5);
      const dx = rng.int(60, 380);
      const dy = rng.int(70, 200);
      const dent = `<path d="M${dx} ${dy - 50} l20 30 l-15 20 l30 25 l-10 30" stroke="#111" stroke-width="4" fill="none"/>` +
        `<ellipse cx="${dx + 15}" cy="${dy}" rx="${rng.int(40, 110)}" ry="${rng.int(30, 80)}" fill="#000" fill-opacity="${(rng.int(10, 35) / 100).toFixed(2)}"/>`;
      const panelTop = rng.int(0, 120);
      const split = rng.int(100, 380);
      const second = mirrored ? `<rect x="0" y="${rng.int(0, 160)}" width="${split}" height="${rng.int(80, 260)}" fill="${c2}"/>` : `<rect x="${split}" y="${rng.int(0, 160)}" width="${PHOTO_W - split}" height="${rng.int(80, 260)}" fill="${c2}"/>`;
      const inner = `<rect x="0" y="${panelTop}" width="${PHOTO_W}" height="${rng.int(120, 300)}" fill="${c1}"/>` + second +
        `<path d="M0 ${rng.int(60, 260)} Q${rng.int(100, 380)} ${rng.int(0, 320)} ${PHOTO_W} ${rng.int(60, 260)}" stroke="${grey(rng, 180, 255)}" stroke-width="${rng.int(4, 14)}" fill="none" stroke-opacity="0.7"/>` +
        // a wheel arch and a lamp where this photo happens to frame them
        `<circle cx="${rng.int(0, PHOTO_W)}" cy="${rng.int(200, 330)}" r="${rng.int(40, 80)}" fill="#1c1c1c"/>` +
        `<ellipse cx="${rng.int(20, 460)}" cy="${rng.int(40, 200)}" rx="${rng.int(25, 60)}" ry="${rng.int(12, 30)}" fill="${grey(rng, 200, 255)}" stroke="#333" stroke-width="3"/>` + dent +
        (plates[0] ? plateRect(40, 200, plates[0], 0.9) : '') + `<text x="14" y="30" font-size="18" fill="#fff" font-family="${FONT}">${esc(label)}</text>` +
        lighting(rng) + watermark(s.stamp, s.caption ?? label);
      return frame(inner, grey(rng, 30, 160));
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
      // tip evidence / scene: a dim street front with a lit sign, framed differently every time
      const { rng } = layoutOf(s);
      const fx = rng.int(0, 150);
      const fy = rng.int(20, 110);
      const fw = rng.int(200, 330);
      const fh = rng.int(120, 190);
      const inner = `<rect width="${PHOTO_W}" height="${PHOTO_H}" fill="${grey(rng, 10, 70)}"/>` +
        `<rect x="${fx}" y="${fy}" width="${fw}" height="${fh}" fill="${grey(rng, 30, 120)}" stroke="#85929e"/>` +
        `<rect x="${fx + 30}" y="${fy + 20}" width="${fw - 60}" height="40" fill="#b03a2e"/>` +
        `<rect x="${rng.int(0, 440)}" y="${rng.int(0, 250)}" width="${rng.int(20, 90)}" height="${rng.int(30, 120)}" fill="${grey(rng, 100, 230)}" fill-opacity="0.8"/>` +
        `<text x="${fx + fw / 2}" y="${fy + 48}" font-size="20" text-anchor="middle" fill="#fdebd0" font-family="${FONT}">${esc(s.caption ?? label)}</text>` +
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
