import type { DocumentData } from '@google-cloud/firestore';
import type { DocumentCodec } from '../../../backends/firestore/record-documents';
import {
  instant,
  num,
  oneOf,
  optionalInstant,
  optionalText,
  recordReader,
  REVISED,
  text,
} from '../../../backends/firestore/record-schema';
import {
  LICENCE_LEVELS,
  STORED_STATUSES,
  SUBJECT_TYPES,
  type ActionPolicy,
  type Licence,
} from '../firearms.types';

/** Readers of stored documents (checked field by field). */
export const toAction: (data: DocumentData) => ActionPolicy = recordReader(
  'firearms action policy',
  {
    action: text,
    required_level: oneOf(LICENCE_LEVELS),
    ...REVISED,
  },
);

export const toLicence: (data: DocumentData) => Licence = recordReader('firearms licence', {
  id: text,
  subject_type: oneOf(SUBJECT_TYPES),
  subject_id: text,
  level: oneOf(LICENCE_LEVELS),
  status: oneOf(STORED_STATUSES),
  issued_by: text,
  issued_at: instant,
  expires_at: instant,
  revoked_at: optionalInstant,
  revoked_by: optionalText,
  revoke_reason: optionalText,
  version: num,
  updated_at: instant,
});

/** Firearms documents hold the record's fields only (no scope fields). */
const asStored = <T extends object>(record: T): DocumentData => record;
export const ACTION_DOCUMENT: DocumentCodec<ActionPolicy> = { read: toAction, write: asStored };
export const LICENCE_DOCUMENT: DocumentCodec<Licence> = { read: toLicence, write: asStored };
