// Ids are assigned by the generator, not by the database sequences, so that COPY can write them
// explicitly and a load is reproducible row for row. Each field holds the last id handed out.
export interface IdCursor {
  resident: number;
  enrolment: number;
  payment: number;
  application: number;
  event: number;
}

export function newIdCursor(): IdCursor {
  return { resident: 0, enrolment: 0, payment: 0, application: 0, event: 0 };
}
