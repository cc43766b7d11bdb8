import { randomUUID } from 'node:crypto';
import { createDatabase } from '@samvad/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createIvrLookups, normaliseDocket, type TIvrLookups } from '../../src/callcontrol/ivr-lookups.js';
import { createSurvey, insertCall, phoneShared, unknownNumber } from './support.js';

const SETTINGS = { categoryCode: 'GEN-01', fallbackDistrictCode: 387, callbackDueMinutes: 120 };

describe('the IVR lookup port on the seeded database', () => {
  const database = createDatabase({ url: inject('databaseUrl'), poolSize: 4 });
  const { prisma, pool } = database;
  let lookups: TIvrLookups;
  afterAll(() => database.close());
  beforeAll(() => {
    lookups = createIvrLookups({ prisma, sql: pool, settings: SETTINGS });
  });

  describe('reads', () => {
    it('tells an application by its number: service, status, since when, expected by, next step', async () => {
      const application = await prisma.serviceApplication.findFirstOrThrow({
        where: { status: 'under_verification' },
        include: { service: true, events: { orderBy: { at: 'desc' } } },
        orderBy: { id: 'asc' },
      });
      const status = await lookups.applicationStatus(application.applicationNo);
      const lastChange = application.events.find((e) => e.status === application.status)?.at ?? application.submittedAt;
      expect(status).toEqual({
        applicationNo: application.applicationNo,
        serviceNameEn: application.service.nameEn,
        serviceNameHi: application.service.nameHi,
        status: 'under_verification',
        since: lastChange.toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' }),
        expectedBy: application.expectedBy.toISOString().slice(0, 10),
        nextStep: application.nextStep,
      });
    });

    it('knows no application by an unknown or malformed number', async () => {
      expect(await lookups.applicationStatus('000000000000')).toBeNull();
      expect(await lookups.applicationStatus('12ab')).toBeNull();
    });

    it('finds the one household of a number one member owns, in that member’s language', async () => {
      const { phone, householdId, residentIds } = await phoneShared(prisma, 1);
      const member = await prisma.resident.findUniqueOrThrow({ where: { id: residentIds[0] } });
      const head = await prisma.resident.findFirstOrThrow({ where: { householdId, relation: 'head' } });
      expect(await lookups.householdByCaller(phone)).toEqual([
        { householdId, headNameEn: head.nameEn, headNameHi: head.nameHi, preferredLanguage: member.language },
      ]);
      const [detail] = await lookups.householdsOfCaller(phone);
      expect(detail?.callerResidentIds).toEqual(residentIds);
    });

    it('names every member on a shared family phone, so nobody is picked at random', async () => {
      const { phone, householdId, residentIds } = await phoneShared(prisma, 2);
      const households = await lookups.householdsOfCaller(phone);
      expect(households.map((h) => h.householdId)).toEqual([householdId]);
      expect(households[0]?.callerResidentIds).toEqual(residentIds);
    });

    it('finds nobody on an unknown number', async () => {
      expect(await lookups.householdByCaller(unknownNumber())).toEqual([]);
    });

    it("lists a household's active schemes with the last payment of each", async () => {
      const enrolment = await prisma.enrolment.findFirstOrThrow({ where: { status: 'active', payments: { some: { status: 'failed' } } }, orderBy: { id: 'asc' } });
      const schemes = await lookups.schemeInfo(enrolment.householdId);
      const active = await prisma.enrolment.findMany({
        where: { householdId: enrolment.householdId, status: 'active' },
        include: { scheme: true, payments: { orderBy: { period: 'desc' }, take: 1 } },
        orderBy: { id: 'asc' },
      });
      expect(schemes.map((s) => s.schemeCode)).toEqual(active.map((e) => e.schemeCode));
      for (const [i, e] of active.entries()) {
        const last = e.payments[0];
        expect(schemes[i]?.lastPayment).toEqual(
          last
            ? { period: last.period.toISOString().slice(0, 10), amountPaise: last.amountPaise, status: last.status, failureReason: last.failureReason }
            : null,
        );
      }
    });
  });

  describe('voice grievances', () => {
    it('files a known caller’s message with the call, the recording, the household and the resident', async () => {
      const { phone, householdId, residentIds } = await phoneShared(prisma, 1);
      const callId = await insertCall(prisma, phone);
      const receipt = await lookups.registerVoiceGrievance({ callId, caller: phone, recordingUri: 'recording:vm-1', durationSec: 42, householdId: null });
      expect(receipt.docketNo).toMatch(/^CG-\d{4}-\d{6}$/);

      const grievance = await prisma.grievance.findUniqueOrThrow({ where: { docketNo: receipt.docketNo }, include: { events: true, office: true } });
      const household = await prisma.household.findUniqueOrThrow({ where: { id: householdId } });
      expect(grievance).toMatchObject({
        channel: 'ivr_voice',
        callId,
        voiceMessageUri: 'recording:vm-1',
        householdId,
        residentId: residentIds[0],
        complainantPhone: phone,
        categoryCode: 'GEN-01',
        departmentCode: 'GAD',
        districtCode: household.districtCode,
        blockId: household.blockId,
        createdById: null,
        status: 'registered',
      });
      expect(grievance.office.level).toBe('state');
      expect(grievance.events.map((e) => e.type).sort()).toEqual(['registered', 'routed']);
      expect(receipt.dueOn).toBe(grievance.dueAt.toLocaleDateString('en-CA', { timeZone: 'Asia/Kolkata' }));

      // the docket the caller is told is one the IVR can read back
      expect(await lookups.grievanceStatus(receipt.docketNo)).toEqual({
        docketNo: receipt.docketNo,
        status: 'registered',
        officeNameEn: grievance.office.name,
        officeNameHi: grievance.office.nameHi,
        dueOn: receipt.dueOn,
      });
      expect(await lookups.grievanceStatus(receipt.docketNo.replace(/\D/g, ''))).toMatchObject({ docketNo: receipt.docketNo });
    });

    it('files an unknown caller’s message in the fallback district, with no resident', async () => {
      const phone = unknownNumber();
      const callId = await insertCall(prisma, phone);
      const { docketNo } = await lookups.registerVoiceGrievance({ callId, caller: phone, recordingUri: 'recording:vm-2', durationSec: 9, householdId: null });
      const grievance = await prisma.grievance.findUniqueOrThrow({ where: { docketNo } });
      expect(grievance).toMatchObject({ districtCode: 387, residentId: null, householdId: null, complainantPhone: phone, callId });
    });

    it('links the household the caller chose on a shared phone but no single resident', async () => {
      const { phone, householdId } = await phoneShared(prisma, 2);
      const callId = await insertCall(prisma, phone);
      const { docketNo } = await lookups.registerVoiceGrievance({ callId, caller: phone, recordingUri: 'recording:vm-3', durationSec: 5, householdId });
      expect(await prisma.grievance.findUniqueOrThrow({ where: { docketNo } })).toMatchObject({ householdId, residentId: null });
    });

    it('waits a moment for a call row the recorder has not written yet', async () => {
      const phone = unknownNumber();
      const callId = randomUUID();
      setTimeout(() => void insertCall(prisma, phone, callId), 60);
      const { docketNo } = await lookups.registerVoiceGrievance({ callId, caller: phone, recordingUri: 'recording:vm-4', durationSec: 3, householdId: null });
      expect((await prisma.grievance.findUniqueOrThrow({ where: { docketNo } })).callId).toBe(callId);
    });

    it('gives distinct dockets to messages filed at the same moment', async () => {
      const phone = unknownNumber();
      const calls = await Promise.all([1, 2, 3, 4, 5].map(() => insertCall(prisma, phone)));
      const receipts = await Promise.all(
        calls.map((callId) => lookups.registerVoiceGrievance({ callId, caller: phone, recordingUri: `recording:${callId}`, durationSec: 1, householdId: null })),
      );
      expect(new Set(receipts.map((r) => r.docketNo)).size).toBe(5);
    });

    it('knows no docket that does not exist or cannot be one', async () => {
      expect(await lookups.grievanceStatus('CG-1999-999999')).toBeNull();
      expect(await lookups.grievanceStatus('12345')).toBeNull();
    });
  });

  describe('call-backs', () => {
    it('keeps the place the caller had in the queue, and asking twice gives one call-back', async () => {
      const early = unknownNumber();
      const late = unknownNumber();
      const queue = 'general-cg';
      const lateCall = await insertCall(prisma, late);
      const earlyCall = await insertCall(prisma, early);
      const base = Date.now() - 60_000;
      const lateReceipt = await lookups.requestCallback({ callId: lateCall, caller: late, queue, waitingSince: new Date(base + 30_000).toISOString() });
      // asked later, but had joined the queue earlier: goes ahead
      const earlyReceipt = await lookups.requestCallback({ callId: earlyCall, caller: early, queue, waitingSince: new Date(base).toISOString() });
      const pendingBefore = await prisma.callback.count({ where: { queueCode: queue, status: 'pending', waitingSince: { lt: new Date(base) } } });
      expect(earlyReceipt.position).toBe(pendingBefore + 1);
      const again = await lookups.requestCallback({ callId: lateCall, caller: late, queue });
      expect(again.callbackId).toBe(lateReceipt.callbackId);
      expect(again.position).toBe(lateReceipt.position + 1);

      const row = await prisma.callback.findUniqueOrThrow({ where: { id: earlyReceipt.callbackId } });
      expect(row).toMatchObject({ phone: early, callId: earlyCall, queueCode: queue, status: 'pending', attempts: 0 });
      expect(row.dueAt.getTime() - row.requestedAt.getTime()).toBe(120 * 60_000);
      expect(new Date(earlyReceipt.dueAt).getTime()).toBe(row.dueAt.getTime());
      expect(await prisma.callback.count({ where: { phone: late } })).toBe(1);
    });

    it('refuses a withheld number and an unknown queue', async () => {
      const phone = unknownNumber();
      const callId = await insertCall(prisma, phone);
      await expect(lookups.requestCallback({ callId, caller: null, queue: 'general-hi' })).rejects.toThrow(/withheld/);
      await expect(lookups.requestCallback({ callId, caller: phone, queue: 'no-such-queue' })).rejects.toThrow(/No queue/);
      expect(await prisma.callback.count({ where: { callId } })).toBe(0);
    });
  });

  describe('survey answers', () => {
    it('stores each answer at once and replaces it when the question is answered again', async () => {
      const surveyId = await createSurvey(prisma);
      const phone = unknownNumber();
      const callId = await insertCall(prisma, phone);
      expect(await lookups.saveSurveyAnswer({ callId, caller: phone, surveyId, questionKey: 'q1', answer: 4 })).toEqual({ questionKey: 'q1', created: true });
      expect(await lookups.saveSurveyAnswer({ callId, caller: phone, surveyId, questionKey: 'q2', answer: 'yes' })).toEqual({ questionKey: 'q2', created: true });
      expect(await lookups.saveSurveyAnswer({ callId, caller: phone, surveyId, questionKey: 'q1', answer: 2 })).toEqual({ questionKey: 'q1', created: false });
      const rows = await prisma.surveyResponse.findMany({ where: { callId }, orderBy: { questionKey: 'asc' } });
      expect(rows.map((r) => [r.questionKey, r.answer, r.surveyId])).toEqual([
        ['q1', 2, surveyId],
        ['q2', 'yes', surveyId],
      ]);
    });
  });
});

describe('docket numbers as callers key them', () => {
  it.each([
    ['CG-2026-000123', 'CG-2026-000123'],
    ['cg-2026-000123', 'CG-2026-000123'],
    ['2026000123', 'CG-2026-000123'],
    ['202600012', null],
    ['CG-26-000123', null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseDocket(input)).toBe(expected);
  });
});
