import type { ImageMetadata } from 'astro';
/**
 * How large each place on the site shows an article's image, for the image pipeline
 * (src/components/StoryImage.astro): the widths to make (CSS pixels up to 2x screens), the
 * `sizes` that tell the browser which to fetch (matching the layout in src/styles/site.css:
 * phone first, then a main column of at most 46rem on wide screens), and the crop.
 */
export type ImageVariant = 'lead' | 'card' | 'thumb' | 'article';

export interface ImageLayout {
  widths: readonly number[];
  sizes: string;
  /** Width over height of the crop; undefined keeps the photo's own shape. */
  aspect?: number;
}

export const IMAGE_LAYOUTS: Record<ImageVariant, ImageLayout> = {
  // The home page's top story: the full column.
  lead: { widths: [400, 800, 1200, 1600], sizes: '(min-width: 48rem) 46rem, 100vw', aspect: 3 / 2 },
  // Secondary stories: a thumbnail of 7rem beside the headline at every width (.front-card.has-photo).
  card: { widths: [112, 224, 336], sizes: '7rem', aspect: 3 / 2 },
  // Lists and related stories: a small square beside the headline.
  thumb: { widths: [96, 192, 288], sizes: '6rem', aspect: 1 },
  // The article page's lead image, whole, with its caption: the story column (--measure, 40rem).
  article: { widths: [400, 800, 1200, 1600, 2000], sizes: '(min-width: 42rem) 40rem, 100vw' },
};

/** The widths to make of a photo `width` pixels across: the layout's, never wider than the photo. */
export function widthsFor(layout: ImageLayout, width: number): number[] {
  return [...new Set([...layout.widths.filter((w) => w < width), Math.min(width, layout.widths.at(-1)!)])];
}

/** The link-preview crop (OpenGraph, JSON-LD): the size the large social cards show. */
export const SHARE_IMAGE = { width: 1200, height: 630 } as const;

/**
 * The facts of a photo beside an article (format, size) read from a copy: reading them from the
 * metadata Astro gives would mark the camera original as used outside the pipeline, and Astro
 * would then publish it whole (megabytes) beside the resized files. Astro's <Picture> reads it so too.
 */
export function photoFacts(file: ImageMetadata): ImageMetadata {
  return (file as ImageMetadata & { clone?: ImageMetadata }).clone ?? file;
}
