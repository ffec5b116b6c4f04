import fc from 'fast-check';

/**
 * Plain message data as systems send it: primitives, arrays and objects, nested a little;
 * `bytes` adds Uint8Arrays (the kernel copies them, but cannot freeze them).
 */
export function plainData(o: { bytes: boolean }): fc.Arbitrary<unknown> {
  return fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      o.bytes ? fc.uint8Array({ maxLength: 16 }) : fc.constant(0),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4, noNullPrototype: true }),
    ),
  })).value;
}
