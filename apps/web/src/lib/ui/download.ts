// Saving something the app made as a file the browser downloads: one helper
// for documents (Markdown, PDF, DOCX) and portable data (JSON Resume, CSV).

/** Saves a blob under `filename` through a temporary link (browser only). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Saves `text` as a file of the given MIME type. */
export function saveText(text: string, filename: string, type: string): void {
  saveBlob(new Blob([text], { type }), filename);
}
