/**
 * The seed's pictures, drawn here as SVG (original flat illustrations of this project: a hibachi
 * grill with flames, a chef's hat, plates of chicken, steak, shrimp, salmon, tofu, noodles and
 * fried rice). scripts/make-seed-images.ts renders them to small WebP files in src/seed/images/,
 * which are committed; the seed uploads those into Media (src/seed/seedMedia.ts). No stock
 * photo, no download, no network. Pure: strings in, strings out.
 */

export interface SeedPicture {
  /** File name (without .webp) under src/seed/images/ and the Media filename. */
  file: string
  /** The Media alt text: what a screen-reader user is told the picture shows. */
  alt: string
  width: number
  height: number
  svg: () => string
}

const W = 960
const H = 640

/** A wooden table with a white plate, the food drawn on it by `food` (centred at 480, 330). */
function plate(food: string, accent: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">
  <defs>
    <linearGradient id="wood" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7a4a2a"/><stop offset="1" stop-color="#5a3219"/></linearGradient>
    <radialGradient id="plate" cx="0.5" cy="0.45" r="0.6"><stop offset="0" stop-color="#ffffff"/><stop offset="0.8" stop-color="#f1ece6"/><stop offset="1" stop-color="#d9d0c7"/></radialGradient>
  </defs>
  <rect width="${W}" height="${H}" fill="url(#wood)"/>
  ${[60, 170, 300, 430, 560].map((y) => `<path d="M0 ${y} C 240 ${y - 18}, 720 ${y + 18}, 960 ${y}" stroke="#4b2813" stroke-width="3" fill="none" opacity="0.35"/>`).join('')}
  <rect x="40" y="470" width="300" height="18" rx="9" fill="${accent}" opacity="0.9" transform="rotate(-8 190 479)"/>
  <ellipse cx="480" cy="345" rx="330" ry="250" fill="#000" opacity="0.25"/>
  <ellipse cx="480" cy="330" rx="320" ry="240" fill="url(#plate)"/>
  <ellipse cx="480" cy="330" rx="240" ry="175" fill="none" stroke="#e2d9cf" stroke-width="6"/>
  ${food}
  <g transform="translate(800 470) rotate(-30)"><rect x="-6" y="-170" width="12" height="300" rx="6" fill="#c8a27a"/><rect x="16" y="-160" width="12" height="300" rx="6" fill="#b88f66"/></g>
</svg>`
}

/** Fried rice: a golden mound with peas, carrot and egg. */
function rice(cx: number, cy: number, rx: number, ry: number): string {
  const bits: string[] = [`<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#e9c46a"/>`]
  for (let i = 0; i < 70; i++) {
    const a = (i * 137.5 * Math.PI) / 180
    const r = Math.sqrt(i / 70) * 0.9
    const x = cx + Math.cos(a) * rx * r
    const y = cy + Math.sin(a) * ry * r
    const colour = i % 7 === 0 ? '#5a9e3a' : i % 5 === 0 ? '#e76f51' : i % 3 === 0 ? '#fff3b0' : '#f4d58d'
    bits.push(`<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${i % 7 === 0 ? 7 : 9}" ry="${i % 7 === 0 ? 7 : 5}" fill="${colour}" transform="rotate(${(i * 29) % 180} ${x.toFixed(1)} ${y.toFixed(1)})"/>`)
  }
  return bits.join('')
}

/** Grilled vegetables: zucchini rounds and onion rings. */
function veg(cx: number, cy: number): string {
  const parts: string[] = []
  for (let i = 0; i < 5; i++) {
    const x = cx + i * 38
    const y = cy + (i % 2) * 16
    parts.push(`<circle cx="${x}" cy="${y}" r="24" fill="#3d7a2a"/><circle cx="${x}" cy="${y}" r="18" fill="#d9e8a8"/><circle cx="${x}" cy="${y}" r="5" fill="#c3d98a"/>`)
  }
  parts.push(`<ellipse cx="${cx + 60}" cy="${cy + 52}" rx="34" ry="14" fill="none" stroke="#f0e0c8" stroke-width="7"/>`)
  return parts.join('')
}

function sesame(cx: number, cy: number, spread: number): string {
  return Array.from({ length: 16 }, (_, i) => {
    const x = cx + Math.cos(i * 2.4) * spread * ((i % 4) / 4 + 0.3)
    const y = cy + Math.sin(i * 2.4) * spread * 0.6 * ((i % 4) / 4 + 0.3)
    return `<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="4" ry="2" fill="#fffbe8" transform="rotate(${i * 40} ${x.toFixed(1)} ${y.toFixed(1)})"/>`
  }).join('')
}

const chicken = () =>
  plate(
    rice(380, 330, 130, 95) +
      veg(520, 220) +
      Array.from({ length: 9 }, (_, i) => {
        const x = 540 + (i % 3) * 52
        const y = 320 + Math.floor(i / 3) * 42
        return `<rect x="${x}" y="${y}" width="46" height="36" rx="12" fill="#b5651d" transform="rotate(${(i * 23) % 40 - 20} ${x + 23} ${y + 18})"/><rect x="${x + 6}" y="${y + 6}" width="30" height="10" rx="5" fill="#d98c3f" opacity="0.8" transform="rotate(${(i * 23) % 40 - 20} ${x + 23} ${y + 18})"/>`
      }).join('') +
      sesame(600, 370, 90),
    '#2a9d8f',
  )

const steak = () =>
  plate(
    rice(380, 330, 130, 95) +
      veg(520, 215) +
      Array.from({ length: 8 }, (_, i) => {
        const x = 545 + (i % 3) * 55
        const y = 310 + Math.floor(i / 3) * 48
        return `<g transform="rotate(${(i * 31) % 30 - 15} ${x + 25} ${y + 20})"><rect x="${x}" y="${y}" width="52" height="40" rx="8" fill="#5b2a1a"/><rect x="${x + 5}" y="${y + 5}" width="42" height="30" rx="6" fill="#a0412d"/><rect x="${x + 12}" y="${y + 12}" width="28" height="16" rx="5" fill="#d9735a"/></g>`
      }).join('') +
      `<path d="M555 300 q 10 -14 22 0 q 10 -14 22 0" stroke="#2f6f2a" stroke-width="5" fill="none"/>`,
    '#e9c46a',
  )

const shrimpShape = (x: number, y: number, r: number) =>
  `<g transform="translate(${x} ${y}) rotate(${r})"><path d="M0 0 C 0 -46, 58 -46, 58 0 C 58 18, 44 30, 30 30 L 30 16 C 40 16, 44 8, 44 0 C 44 -28, 14 -28, 14 0 Z" fill="#f08a5d"/><path d="M4 -20 C 20 -34, 40 -34, 52 -18" stroke="#ffd2b8" stroke-width="5" fill="none"/><path d="M30 30 l -12 14 l 22 -4 z" fill="#e05a2a"/></g>`

const shrimp = () =>
  plate(rice(380, 330, 130, 95) + veg(525, 215) + ([[550, 330, 10], [620, 320, -12], [690, 350, 24], [570, 410, -20], [650, 410, 8]] as const).map(([x, y, r]) => shrimpShape(x, y, r)).join('') + `<path d="M700 250 a 34 34 0 0 1 34 34 l -34 0 z" fill="#f9e04b"/>`, '#e76f51')

const salmon = () =>
  plate(
    rice(380, 330, 130, 95) +
      veg(520, 215) +
      `<g transform="rotate(-10 640 370)"><rect x="540" y="320" width="210" height="100" rx="30" fill="#f4845f"/>${[570, 610, 650, 690, 725].map((x) => `<path d="M${x} 326 q 14 44 0 88" stroke="#ffd6c2" stroke-width="7" fill="none"/>`).join('')}<path d="M548 330 q 100 -20 196 0" stroke="#9c3d1f" stroke-width="9" fill="none" opacity="0.7"/></g>` +
      sesame(640, 360, 70),
    '#264653',
  )

const tofu = () =>
  plate(
    rice(380, 330, 130, 95) +
      veg(520, 215) +
      Array.from({ length: 9 }, (_, i) => {
        const x = 545 + (i % 3) * 56
        const y = 310 + Math.floor(i / 3) * 46
        return `<rect x="${x}" y="${y}" width="44" height="40" rx="6" fill="#f3dfa2" stroke="#c9933b" stroke-width="6"/>`
      }).join('') +
      `<path d="M560 300 q 30 -20 60 0 q 30 20 60 0" stroke="#3d7a2a" stroke-width="6" fill="none"/>`,
    '#8ab17d',
  )

const noodles = () =>
  plate(
    Array.from({ length: 16 }, (_, i) => {
      const y = 210 + i * 15
      const x = 300 + (i % 3) * 12
      return `<path d="M${x} ${y} C ${x + 90} ${y - 40}, ${x + 180} ${y + 40}, ${x + 270} ${y} S ${x + 340} ${y - 30}, ${x + 370} ${y + 10}" stroke="${i % 2 ? '#d9a441' : '#c48a2c'}" stroke-width="9" fill="none" stroke-linecap="round"/>`
    }).join('') + veg(440, 280) + `<path d="M380 400 l 80 -20 M 520 420 l 70 -30" stroke="#e76f51" stroke-width="10" stroke-linecap="round"/>`,
    '#f4a261',
  )

const friedRice = () => plate(rice(480, 330, 220, 155) + sesame(480, 320, 140), '#e9c46a')

/** The hero: a hibachi grill seen from the guests' side, flames rising, a chef's hat behind it. */
const grill = () => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 900" width="1200" height="900">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2b1d16"/><stop offset="1" stop-color="#51301f"/></linearGradient>
    <linearGradient id="steel" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#b9c0c6"/><stop offset="1" stop-color="#6d757c"/></linearGradient>
    <radialGradient id="glow" cx="0.5" cy="0.6" r="0.5"><stop offset="0" stop-color="#ffb347" stop-opacity="0.85"/><stop offset="1" stop-color="#ffb347" stop-opacity="0"/></radialGradient>
    <linearGradient id="flame" x1="0" y1="1" x2="0" y2="0"><stop offset="0" stop-color="#e63900"/><stop offset="0.55" stop-color="#ff8c00"/><stop offset="1" stop-color="#ffe066"/></linearGradient>
  </defs>
  <rect width="1200" height="900" fill="url(#sky)"/>
  <ellipse cx="600" cy="470" rx="560" ry="330" fill="url(#glow)"/>
  <g transform="translate(600 210)">
    <path d="M-120 60 C -190 60, -200 -60, -110 -60 C -100 -130, 20 -150, 50 -80 C 120 -130, 210 -60, 150 10 C 170 40, 150 60, 120 60 Z" fill="#ffffff"/>
    <rect x="-120" y="55" width="240" height="70" rx="10" fill="#f1f1f1"/>
    <path d="M-120 80 H 120" stroke="#d8d8d8" stroke-width="6"/>
    <path d="M-60 -20 q 10 -40 40 -50 M 40 -30 q 20 -30 60 -20" stroke="#e2e2e2" stroke-width="8" fill="none"/>
  </g>
  <path d="M600 690 C 420 690, 380 520, 470 430 C 480 500, 520 520, 540 480 C 520 400, 570 330, 610 300 C 600 380, 660 410, 680 360 C 760 440, 780 560, 700 640 C 760 600, 780 560, 790 520 C 840 610, 760 690, 600 690 Z" fill="url(#flame)"/>
  <path d="M600 690 C 520 690, 500 600, 560 550 C 560 590, 590 600, 600 580 C 600 540, 620 510, 640 500 C 650 560, 700 600, 660 660 C 640 685, 620 690, 600 690 Z" fill="#fff3b0" opacity="0.9"/>
  <rect x="120" y="640" width="960" height="70" rx="14" fill="url(#steel)"/>
  <rect x="120" y="640" width="960" height="14" rx="7" fill="#e6eaee"/>
  <rect x="90" y="705" width="1020" height="150" rx="18" fill="#1f1a17"/>
  <rect x="110" y="725" width="980" height="20" rx="10" fill="#b3261e"/>
  ${[230, 360, 840, 970].map((x) => `<ellipse cx="${x}" cy="632" rx="52" ry="18" fill="#e9c46a"/><ellipse cx="${x}" cy="626" rx="40" ry="10" fill="#f4d58d"/>`).join('')}
  <g transform="translate(250 600) rotate(-12)">${shrimpShape(0, 0, 0)}</g>
  <g transform="translate(900 598) rotate(10)">${shrimpShape(0, 0, 0)}</g>
  <path d="M960 560 l 150 -170" stroke="#c0c6cc" stroke-width="14" stroke-linecap="round"/><rect x="1080" y="360" width="70" height="40" rx="8" fill="#5a3a22" transform="rotate(-48 1115 380)"/>
  <path d="M200 560 l -110 -190" stroke="#c0c6cc" stroke-width="12" stroke-linecap="round"/><rect x="50" y="330" width="60" height="36" rx="8" fill="#5a3a22" transform="rotate(60 80 348)"/>
  ${[[420, 250], [780, 230], [860, 320], [340, 340], [980, 180]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="5" fill="#ffd166" opacity="0.9"/>`).join('')}
</svg>`

/** The chef: a tall white toque over a smiling face and a red neckerchief. */
const chef = () => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 640" width="960" height="640">
  <rect width="960" height="640" fill="#fbe3d0"/>
  <circle cx="480" cy="700" r="380" fill="#b3261e" opacity="0.15"/>
  <path d="M300 640 C 300 520, 380 470, 480 470 C 580 470, 660 520, 660 640 Z" fill="#ffffff" stroke="#e5ddd5" stroke-width="6"/>
  <path d="M420 480 L 480 560 L 540 480 Z" fill="#b3261e"/>
  ${[540, 590].map((y) => `<circle cx="520" cy="${y}" r="9" fill="#1f1a17"/>`).join('')}
  <ellipse cx="480" cy="370" rx="110" ry="120" fill="#e0ac80"/>
  <ellipse cx="440" cy="360" rx="11" ry="14" fill="#2b1d16"/><ellipse cx="520" cy="360" rx="11" ry="14" fill="#2b1d16"/>
  <path d="M430 420 q 50 40 100 0" stroke="#7a3b22" stroke-width="9" fill="none" stroke-linecap="round"/>
  <path d="M410 330 q 30 -18 55 0 M 495 330 q 30 -18 55 0" stroke="#2b1d16" stroke-width="7" fill="none" stroke-linecap="round"/>
  <rect x="370" y="230" width="220" height="60" rx="10" fill="#ffffff" stroke="#e5ddd5" stroke-width="6"/>
  <path d="M375 235 C 300 235, 290 100, 390 110 C 400 30, 520 20, 540 95 C 640 70, 680 210, 585 235 Z" fill="#ffffff" stroke="#e5ddd5" stroke-width="6"/>
  <path d="M430 230 l 10 -80 M 480 230 v -95 M 530 230 l -8 -80" stroke="#ece6df" stroke-width="7"/>
</svg>`

export const SEED_PICTURES: SeedPicture[] = [
  { file: 'hibachi-grill', alt: 'Illustration: flames rising from a hibachi grill with fried rice and shrimp on the flat-top', width: 1200, height: 900, svg: grill },
  { file: 'chef', alt: "Illustration: a smiling hibachi chef in a tall white chef's hat", width: W, height: H, svg: chef },
  { file: 'plate-chicken', alt: 'Illustration: hibachi chicken with fried rice and grilled vegetables on a plate', width: W, height: H, svg: chicken },
  { file: 'plate-steak', alt: 'Illustration: bite-size steak with fried rice and grilled vegetables on a plate', width: W, height: H, svg: steak },
  { file: 'plate-shrimp', alt: 'Illustration: grilled shrimp with lemon, fried rice and vegetables on a plate', width: W, height: H, svg: shrimp },
  { file: 'plate-salmon', alt: 'Illustration: a teriyaki salmon fillet with fried rice on a plate', width: W, height: H, svg: salmon },
  { file: 'plate-tofu', alt: 'Illustration: crispy tofu cubes with fried rice and vegetables on a plate', width: W, height: H, svg: tofu },
  { file: 'plate-noodles', alt: 'Illustration: yakisoba noodles with vegetables on a plate', width: W, height: H, svg: noodles },
  { file: 'plate-fried-rice', alt: 'Illustration: a plate of hibachi fried rice with peas, carrot and egg', width: W, height: H, svg: friedRice },
]
