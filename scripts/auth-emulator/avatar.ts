import { createHash } from 'node:crypto';
import { escapeHtml } from './html';

const PALETTE = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#c5221f', '#3c4043'];

/** A Google-style initials avatar, served by the emulator so no image ever comes from the network. */
export function renderAvatarSvg(seed: string, name: string): string {
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((word) => word.charAt(0).toUpperCase())
      .join('') || '?';
  const colorIndex = createHash('sha256').update(seed).digest()[0] ?? 0;
  const color = PALETTE[colorIndex % PALETTE.length] ?? PALETTE[0];
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img"',
    ` aria-label="${escapeHtml(name)}">`,
    `<rect width="96" height="96" rx="48" fill="${color}"/>`,
    '<text x="48" y="50" dominant-baseline="middle" text-anchor="middle" font-family="Arial, Helvetica, sans-serif"',
    ` font-size="40" fill="#fff">${escapeHtml(initials)}</text>`,
    '</svg>',
  ].join('');
}
