// How much of a review fits: every attribute (full), the objects by name (names), or the counts alone (counts).

export type Detail = 'full' | 'names' | 'counts';
