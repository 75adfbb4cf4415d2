import type { Knex } from 'knex';

export interface ReportFilter {
  teamId: number;
  states?: string[];
  sortBy?: string;
}

const SORTABLE = new Set(['created_at', 'title', 'severity']);

export class ReportRepository {
  constructor(private readonly db: Knex) {}

  async list(filter: ReportFilter) {
    const sortBy = filter.sortBy && SORTABLE.has(filter.sortBy) ? filter.sortBy : 'created_at';
    const query = this.db('reports').select('id', 'title', 'severity', 'state').where('team_id', filter.teamId);
    if (filter.states?.length) {
      query.whereIn('state', filter.states);
    }
    return query.orderBy(sortBy, 'desc').limit(200);
  }
}
