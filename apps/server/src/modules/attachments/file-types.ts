/**
 * The upload allow-list: by file extension, with the MIME type we serve it as and the leading bytes the
 * content must have (null: a text format, checked for binary content instead). A file whose bytes do not
 * match its extension is refused, so a renamed executable cannot pass as a .pdf.
 */
type Magic = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'pdf' | 'zip' | 'ole' | 'text';

const ALLOWED: Record<string, { mime: string; magic: Magic }> = {
  png: { mime: 'image/png', magic: 'png' },
  jpg: { mime: 'image/jpeg', magic: 'jpeg' },
  jpeg: { mime: 'image/jpeg', magic: 'jpeg' },
  gif: { mime: 'image/gif', magic: 'gif' },
  webp: { mime: 'image/webp', magic: 'webp' },
  bmp: { mime: 'image/bmp', magic: 'bmp' },
  pdf: { mime: 'application/pdf', magic: 'pdf' },
  doc: { mime: 'application/msword', magic: 'ole' },
  xls: { mime: 'application/vnd.ms-excel', magic: 'ole' },
  ppt: { mime: 'application/vnd.ms-powerpoint', magic: 'ole' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: 'zip' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', magic: 'zip' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', magic: 'zip' },
  txt: { mime: 'text/plain; charset=utf-8', magic: 'text' },
  csv: { mime: 'text/csv; charset=utf-8', magic: 'text' },
  zip: { mime: 'application/zip', magic: 'zip' },
};

export const allowedExtensions = Object.keys(ALLOWED);

const startsWith = (buf: Uint8Array, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

function matches(buf: Uint8Array, magic: Magic): boolean {
  switch (magic) {
    case 'png':
      return startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'jpeg':
      return startsWith(buf, [0xff, 0xd8, 0xff]);
    case 'gif':
      return startsWith(buf, [0x47, 0x49, 0x46, 0x38]);
    case 'webp':
      return startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8);
    case 'bmp':
      return startsWith(buf, [0x42, 0x4d]);
    case 'pdf':
      return startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d]);
    case 'zip':
      return startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) || startsWith(buf, [0x50, 0x4b, 0x05, 0x06]);
    case 'ole':
      return startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    case 'text':
      // Text (UTF-8, GBK …) has no NUL bytes; executables and other binaries do.
      return !buf.subarray(0, 64 * 1024).includes(0);
  }
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** The MIME type to store and serve, or null when the name's extension is not allowed or the bytes disagree. */
export function checkFileType(fileName: string, data: Uint8Array): string | null {
  const entry = ALLOWED[extensionOf(fileName)];
  if (!entry || data.length === 0) return null;
  return matches(data, entry.magic) ? entry.mime : null;
}

/** A client-supplied name made safe to store and echo: no path, no control characters, at most 200 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (cleaned.length <= 200) return cleaned;
  const ext = extensionOf(cleaned);
  return `${cleaned.slice(0, 190)}${ext ? `.${ext}` : ''}`;
}

/** Content-Disposition for a download: an ASCII fallback plus the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
