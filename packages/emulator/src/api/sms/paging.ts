import { BusinessError } from '../../wire/errors.js';

/** `PageIndex` (default 1) and `PageSize` (1-50, default 10) of the list actions. */
export function paging<T>(
  params: Record<string, string>,
  all: T[],
): { page: T[]; currentPage: number; pageSize: number } {
  const currentPage = params.PageIndex ? Number(params.PageIndex) : 1;
  const pageSize = params.PageSize ? Number(params.PageSize) : 10;
  if (!Number.isInteger(currentPage) || currentPage < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50)
    throw new BusinessError('isv.INVALID_PARAMETERS', '参数异常:PageIndex从1开始，PageSize为1-50');
  return { page: all.slice((currentPage - 1) * pageSize, currentPage * pageSize), currentPage, pageSize };
}
