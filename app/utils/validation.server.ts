// Server-side form parsing. Imported through a .server module so that zod and its conform
// adapter never reach the browser bundle (docs/decisions/005-light-pages.md).
export { parseWithZod } from '@conform-to/zod/v4'
