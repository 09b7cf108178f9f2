// Every benchmarked operation, in the order they run. Add a new kind as its own file and list it here.
import { lookupByCard } from './lookup-by-card.ts';
import { lookupByPhone } from './lookup-by-phone.ts';
import { searchByNamePrefix } from './search-by-name-prefix.ts';
import type { Operation } from './types.ts';

export const operations: Operation[] = [lookupByCard, lookupByPhone, searchByNamePrefix];

export type { ApiRequest, Operation, OperationContext, SqlStatement } from './types.ts';
