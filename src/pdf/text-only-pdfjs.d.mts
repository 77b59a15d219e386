// Types of text-only-pdfjs.mjs, for its tests.
export class PatchError extends Error {}
export function textOnlySource(source: string): string;
export function importTextOnlyWorker(): Promise<unknown>;
