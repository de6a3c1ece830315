import type { ColumnType, Selectable } from 'kysely';

/**
 * One uploaded file. Staged (application_id null) from the upload until a
 * submit links it to its application; staged files older than
 * FILES_STAGED_HOURS are deleted. The stored object is keyed by the id: the
 * name a person gave the file is only shown, never used as a path.
 */
export interface FileTable {
  id: string;
  uploader_person_id: string;
  /** The uploaded name, made safe to show and to send in Content-Disposition (file-name.ts). */
  name: string;
  /** Lower case, without the dot; one of the uploadable types, matching the content. */
  extension: string;
  /** The MIME type the hall chose for the extension (never the one the browser sent). */
  mime_type: string;
  size: number;
  /** Hex SHA-256 of the content, for integrity checks and audits. */
  sha256: string;
  application_id: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  linked_at: Date | null;
}

/**
 * A staged file held by a draft that references it (草稿 with attachments):
 * the cleanup of staged files leaves it until the draft lets go of it or is
 * deleted (the row goes with the draft, and with the file).
 */
export interface DraftFileTable {
  draft_id: string;
  file_id: string;
}

export interface FilesTables {
  file: FileTable;
  draft_file: DraftFileTable;
}

export type FileRow = Selectable<FileTable>;
