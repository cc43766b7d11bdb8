import { Prisma, type PrismaClient } from '@samvad/db';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { templateProblems, ZStoredSurvey } from './survey-definition.js';
import type { TSurvey, TSurveyCreate } from './surveys.schemas.js';

type TSurveyRow = Prisma.SurveyGetPayload<object>;

/** how many questions a stored definition has, whatever else it holds */
function questionCount(definition: unknown): number {
  const questions: unknown = typeof definition === 'object' && definition !== null ? Reflect.get(definition, 'questions') : undefined;
  return Array.isArray(questions) ? questions.length : 0;
}

function summaryOf(row: TSurveyRow) {
  return { id: row.id, code: row.code, version: row.version, title: row.title, titleHi: row.titleHi, questionCount: questionCount(row.definition), createdAt: row.createdAt.toISOString() };
}

function toView(row: TSurveyRow): TSurvey {
  // a row written outside this API (an older format, a hand-made test row) is named, not a 500
  const parsed = ZStoredSurvey.safeParse(row.definition);
  if (!parsed.success) throw Conflict(`Survey ${row.code} v${row.version} is stored in a form this server cannot read`);
  const definition = parsed.data;
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    title: row.title,
    titleHi: row.titleHi,
    questionCount: definition.questions.length,
    createdAt: row.createdAt.toISOString(),
    definition,
  };
}

export type TSurveyService = ReturnType<typeof createSurveyService>;

/** Survey definitions: versioned by code, never edited in place, because answers point at a version. */
export function createSurveyService(deps: { prisma: PrismaClient }) {
  const { prisma } = deps;
  return {
    async list() {
      const rows = await prisma.survey.findMany({ orderBy: [{ code: 'asc' }, { version: 'desc' }] });
      return { surveys: rows.map(summaryOf) };
    },

    async get(id: number): Promise<TSurvey> {
      const row = await prisma.survey.findUnique({ where: { id } });
      if (!row) throw NotFound('Survey');
      return toView(row);
    },

    async create(body: TSurveyCreate): Promise<TSurvey> {
      const problems = templateProblems(body.definition);
      if (problems.length > 0) throw Invalid('A template of the survey cannot be read', problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
      const latest = await prisma.survey.findFirst({ where: { code: body.code }, orderBy: { version: 'desc' }, select: { version: true } });
      try {
        const row = await prisma.survey.create({
          data: { code: body.code, version: (latest?.version ?? 0) + 1, title: body.title, titleHi: body.titleHi, definition: body.definition as Prisma.InputJsonValue },
        });
        return toView(row);
      } catch (error) {
        // two versions of one code saved at once: the second asks again
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw Conflict('Another version of this survey was saved at the same time; try again');
        throw error;
      }
    },
  };
}
