/** End of the message refusing a field that should name a timeline record. */
export const ID_MESSAGE =
  'must be a timeline record id as returned on create (26 lower-case base32 characters)';
