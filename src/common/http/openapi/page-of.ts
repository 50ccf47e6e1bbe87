import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const pages = new Map<Type, Type>();

/**
 * The response class of a list endpoint answering `Page<T>` (`{ items, next_cursor }`),
 * named `<Item>Page` in the document; one class per item type.
 */
export function pageOf(item: Type): Type {
  const known = pages.get(item);
  if (known) return known;
  class Page {
    @ApiProperty({ type: [item] }) items!: unknown[];
    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as cursor for the next page; null on the last page.',
    })
    next_cursor!: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}Page` });
  pages.set(item, Page);
  return Page;
}
