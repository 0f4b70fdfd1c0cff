/**
 * Synthetic photographs for the sample content, the generated corpus and tests: a JPEG as a
 * camera would give it (thousands of pixels across, several megabytes), with sky-like gradients,
 * hills, shapes and grain, so that it compresses like a photo and not to nothing. The same seed
 * always gives the same bytes.
 */
import sharp from 'sharp';
import { random } from './random.ts';

/** A JPEG `width` pixels across at 3:2, at camera quality. */
export async function syntheticPhoto(seed: number, width = 4000, quality = 88): Promise<Buffer> {
  const height = Math.round((width * 2) / 3);
  const next = random(seed);
  const top = [next() * 120 + 60, next() * 120 + 80, next() * 80 + 150];
  const bottom = [next() * 150 + 80, next() * 110 + 60, next() * 70 + 30];
  const horizon = height * (0.35 + next() * 0.3);
  const waves = Array.from({ length: 3 }, () => ({ amplitude: next() * height * 0.08, period: width / (1 + next() * 4), phase: next() * 6.3 }));
  const pixels = Buffer.alloc(width * height * 3);
  let noise = seed >>> 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ridge = horizon + waves.reduce((sum, w) => sum + w.amplitude * Math.sin(x / w.period + w.phase), 0);
      const ground = y > ridge;
      const t = ground ? (y - ridge) / (height - ridge) : y / Math.max(ridge, 1);
      // xorshift grain: cheap, and what keeps JPEG from flattening the picture
      noise ^= noise << 13;
      noise ^= noise >>> 17;
      noise ^= noise << 5;
      const grain = ((noise >>> 0) % 41) - 20;
      const texture = ground ? 18 * Math.sin(x / 7 + y / 11) * Math.sin(y / 5) : 0;
      const offset = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const base = ground ? bottom[c]! * (1 - 0.5 * t) : top[c]! + (255 - top[c]!) * t * 0.6;
        pixels[offset + c] = Math.max(0, Math.min(255, base + texture + grain));
      }
    }
  }
  const shapes = Array.from({ length: 12 }, () => {
    const [cx, cy, r] = [next() * width, next() * height, (0.02 + next() * 0.1) * width];
    const colour = `rgb(${Math.floor(next() * 255)},${Math.floor(next() * 255)},${Math.floor(next() * 255)})`;
    return next() < 0.5
      ? `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}" fill-opacity="0.55"/>`
      : `<rect x="${cx}" y="${cy}" width="${r * 1.6}" height="${r}" fill="${colour}" fill-opacity="0.5" transform="rotate(${next() * 40 - 20} ${cx} ${cy})"/>`;
  });
  const overlay = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .composite([{ input: overlay }])
    .jpeg({ quality, chromaSubsampling: '4:4:4' })
    .toBuffer();
}
