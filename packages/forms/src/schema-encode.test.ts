import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formSchema, formShapeSchema } from './schema.ts';

describe('a form in an API answer', () => {
  it('encodes with its schema: accepted extensions are a codec, not a one-way transform', () => {
    const form = formSchema.parse({
      fields: [
        { key: 'proof', type: 'attachment', label: '证明', accept: ['.PDF', 'jpg'] },
        { key: 'photos', type: 'image', label: '照片' },
      ],
    });
    expect(form.fields[0]).toMatchObject({ accept: ['pdf', 'jpg'] });
    // What the HTTP layer does to every response carrying a form.
    const encoded = z.encode(formShapeSchema, form);
    expect(encoded.fields[0]).toMatchObject({ accept: ['pdf', 'jpg'] });
    expect(encoded.fields[1]).toMatchObject({ accept: ['jpg', 'jpeg', 'png', 'webp', 'heic'] });
    expect(formShapeSchema.parse(encoded)).toEqual(form);
  });
});
