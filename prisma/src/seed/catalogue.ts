// Choices that are ours rather than the reference pack's: benefit amounts and payment
// schedules, grievance deadlines, citizen services with their SLAs, office titles, queues and
// the deliberate gaps in district offices. They are fixed (not drawn from the seed) so that
// every seed produces the same reference tables and the same routing fall-backs.

/** How a scheme pays over the 12-month window. */
export type PaymentSchedule =
  | { kind: 'monthly' }
  /** paid once in each listed calendar month (1 = January) that falls in the window */
  | { kind: 'months'; months: readonly number[]; amountPaise: number }
  /** wage credits for the months with work, the amount varies with days worked */
  | { kind: 'wages'; dailyWagePaise: number }
  | { kind: 'none' };

export interface SchemeRule {
  /** typical monthly benefit in paise; null for in-kind and insurance schemes */
  monthlyAmountPaise: number | null;
  schedule: PaymentSchedule;
  /** beneficiary id prefix, e.g. 'MVY' */
  idPrefix: string;
}

// Plausible demo figures, not official rates (schemes.csv warns that pension rates were
// raised in July 2023 to amounts its sources did not give).
export const SCHEME_RULES: Readonly<Record<string, SchemeRule>> = {
  PDS: { monthlyAmountPaise: null, schedule: { kind: 'monthly' }, idPrefix: 'PDS' },
  PMGKAY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'GKAY' },
  MVY: { monthlyAmountPaise: 100_000, schedule: { kind: 'monthly' }, idPrefix: 'MVY' },
  KUY: { monthlyAmountPaise: 320_000, schedule: { kind: 'months', months: [3], amountPaise: 3_850_000 }, idPrefix: 'KUY' },
  RGKNY: { monthlyAmountPaise: 80_000, schedule: { kind: 'none' }, idPrefix: 'RGKNY' },
  PMKISAN: { monthlyAmountPaise: 50_000, schedule: { kind: 'months', months: [4, 8, 12], amountPaise: 200_000 }, idPrefix: 'CG' },
  PMFBY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'PMFBY' },
  GNY: { monthlyAmountPaise: 30_000, schedule: { kind: 'none' }, idPrefix: 'GNY' },
  DDUBKMKY: { monthlyAmountPaise: 83_300, schedule: { kind: 'months', months: [2], amountPaise: 1_000_000 }, idPrefix: 'BKMK' },
  RGGBKMNY: { monthlyAmountPaise: 58_300, schedule: { kind: 'none' }, idPrefix: 'RGGB' },
  IGNOAPS: { monthlyAmountPaise: 50_000, schedule: { kind: 'monthly' }, idPrefix: 'NSAP-OA' },
  IGNWPS: { monthlyAmountPaise: 50_000, schedule: { kind: 'monthly' }, idPrefix: 'NSAP-WP' },
  IGNDPS: { monthlyAmountPaise: 60_000, schedule: { kind: 'monthly' }, idPrefix: 'NSAP-DP' },
  NFBS: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'NFBS' },
  SSPY: { monthlyAmountPaise: 50_000, schedule: { kind: 'monthly' }, idPrefix: 'SSPY' },
  SSY: { monthlyAmountPaise: 50_000, schedule: { kind: 'monthly' }, idPrefix: 'SSY' },
  MPY: { monthlyAmountPaise: 50_000, schedule: { kind: 'monthly' }, idPrefix: 'MPY' },
  SVNSASY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'SVN' },
  PMJAY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'PMJAY' },
  MVSSY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'MVSSY' },
  MGNREGA: { monthlyAmountPaise: 208_800, schedule: { kind: 'wages', dailyWagePaise: 26_100 }, idPrefix: 'CH' },
  PMAYG: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'PMAYG' },
  SBMG: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'SBMG' },
  BIHAN: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'BIHAN' },
  PMUY: { monthlyAmountPaise: 30_000, schedule: { kind: 'months', months: [1, 3, 5, 7, 9, 11], amountPaise: 30_000 }, idPrefix: 'PMUY' },
  PMS: { monthlyAmountPaise: 100_000, schedule: { kind: 'months', months: [2], amountPaise: 1_200_000 }, idPrefix: 'PMS' },
  PRMS: { monthlyAmountPaise: 15_000, schedule: { kind: 'months', months: [1], amountPaise: 180_000 }, idPrefix: 'PRMS' },
  SCY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'SCY' },
  PMPOSHAN: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'MDM' },
  ICDS: { monthlyAmountPaise: null, schedule: { kind: 'monthly' }, idPrefix: 'AWC' },
  PMMVY: { monthlyAmountPaise: 41_700, schedule: { kind: 'none' }, idPrefix: 'PMMVY' },
  MKVY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'MKVY' },
  TENDU: { monthlyAmountPaise: 68_700, schedule: { kind: 'months', months: [6], amountPaise: 825_000 }, idPrefix: 'TENDU' },
  BOCW: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'BOCW' },
  JJM: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'JJM' },
  PMSGMBY: { monthlyAmountPaise: null, schedule: { kind: 'none' }, idPrefix: 'PMSG' },
};

/** Schemes delivered in kind: payment rows record a distribution with amount 0. */
export const IN_KIND_SCHEMES: ReadonlySet<string> = new Set(['PDS', 'ICDS']);

// Grievance resolution deadline per department (days); categories inherit their department's.
export const DEADLINE_DAYS: Readonly<Record<string, number>> = {
  FOOD: 7, PRD: 15, SW: 15, WCD: 15, HEALTH: 7, SCHOOL: 15, TRIBAL: 21, OBC: 21, AGRI: 15,
  REVENUE: 30, ENERGY: 7, PHE: 7, UAD: 7, PWD: 30, HOME: 7, FOREST: 21, LABOUR: 21, COOP: 15,
  WRD: 21, TRANSPORT: 15, ANIMAL: 15, HIGHERED: 21, SKILL: 21, GGC: 30, GAD: 30,
};
export const DEFAULT_DEADLINE_DAYS = 15;

export interface ServiceTypeDef {
  code: string;
  nameEn: string;
  nameHi: string;
  departmentCode: string;
  slaDays: number;
  /** what an applicant is typically asked for when the status is pending_documents */
  missingDocument: string;
  /** a typical reason when the status is rejected */
  rejectionReason: string;
  /** what the applicant receives, for the next-step text */
  deliverable: string;
}

// Real services of the kind Lok Seva Kendras handle; SLAs are plausible Lok Seva Guarantee
// figures chosen for the demo.
export const SERVICE_TYPES: readonly ServiceTypeDef[] = [
  { code: 'INCOME_CERT', nameEn: 'Income certificate', nameHi: 'आय प्रमाण पत्र', departmentCode: 'REVENUE', slaDays: 15,
    missingDocument: 'self-declaration of income signed by the applicant', rejectionReason: 'income details could not be verified by the patwari', deliverable: 'income certificate' },
  { code: 'CASTE_CERT', nameEn: 'Caste certificate (permanent)', nameHi: 'स्थायी जाति प्रमाण पत्र', departmentCode: 'REVENUE', slaDays: 30,
    missingDocument: 'pre-1950 record (missal / land record) showing the caste', rejectionReason: 'no record of residence before the notified date was found', deliverable: 'caste certificate' },
  { code: 'RESIDENCE_CERT', nameEn: 'Residence (domicile) certificate', nameHi: 'मूल निवास प्रमाण पत्र', departmentCode: 'REVENUE', slaDays: 15,
    missingDocument: 'proof of 15 years of residence (school record or land record)', rejectionReason: 'residence in Chhattisgarh for the required period not established', deliverable: 'residence certificate' },
  { code: 'OLD_AGE_PENSION', nameEn: 'Old-age pension sanction', nameHi: 'वृद्धावस्था पेंशन स्वीकृति', departmentCode: 'SW', slaDays: 30,
    missingDocument: 'age proof (birth certificate, school record or medical age certificate)', rejectionReason: 'applicant already receives another pension', deliverable: 'pension sanction order' },
  { code: 'WIDOW_PENSION', nameEn: 'Widow pension sanction', nameHi: 'विधवा पेंशन स्वीकृति', departmentCode: 'SW', slaDays: 30,
    missingDocument: "husband's death certificate", rejectionReason: 'household is not in the BPL / SECC list', deliverable: 'pension sanction order' },
  { code: 'DISABILITY_PENSION', nameEn: 'Disability pension sanction', nameHi: 'निःशक्तजन पेंशन स्वीकृति', departmentCode: 'SW', slaDays: 30,
    missingDocument: 'disability certificate from the district medical board (UDID)', rejectionReason: 'disability below 40% on the medical board certificate', deliverable: 'pension sanction order' },
  { code: 'RATION_CARD_NEW', nameEn: 'New ration card', nameHi: 'नया राशन कार्ड', departmentCode: 'FOOD', slaDays: 30,
    missingDocument: 'Aadhaar of every member and the gram panchayat resolution', rejectionReason: 'a member already appears on another ration card', deliverable: 'ration card' },
  { code: 'RATION_CARD_MEMBER', nameEn: 'Add a member to the ration card', nameHi: 'राशन कार्ड में सदस्य जोड़ना', departmentCode: 'FOOD', slaDays: 15,
    missingDocument: "new member's Aadhaar and birth or marriage certificate", rejectionReason: "the member's name was not removed from the previous card", deliverable: 'updated ration card' },
  { code: 'BIRTH_CERT', nameEn: 'Birth certificate', nameHi: 'जन्म प्रमाण पत्र', departmentCode: 'PRD', slaDays: 7,
    missingDocument: 'hospital discharge summary or anganwadi record of the birth', rejectionReason: 'birth not registered within a year: an order of the SDM is needed', deliverable: 'birth certificate' },
  { code: 'DEATH_CERT', nameEn: 'Death certificate', nameHi: 'मृत्यु प्रमाण पत्र', departmentCode: 'PRD', slaDays: 7,
    missingDocument: 'statement of two witnesses and the cremation / burial receipt', rejectionReason: 'death not registered within a year: an order of the SDM is needed', deliverable: 'death certificate' },
  { code: 'LAND_MUTATION', nameEn: 'Land mutation (namantaran)', nameHi: 'भूमि नामांतरण', departmentCode: 'REVENUE', slaDays: 30,
    missingDocument: 'registered sale deed or succession papers and the B1 / khasra copy', rejectionReason: 'objection filed by a co-holder; the matter goes to the tehsildar court', deliverable: 'mutation order' },
  { code: 'JOB_CARD', nameEn: 'MGNREGA job card', nameHi: 'मनरेगा जॉब कार्ड', departmentCode: 'PRD', slaDays: 15,
    missingDocument: 'photograph of the adult members and bank or post office account details', rejectionReason: 'household already holds a job card', deliverable: 'job card' },
  { code: 'ELECTRICITY_CONNECTION', nameEn: 'New domestic electricity connection', nameHi: 'नया घरेलू बिजली कनेक्शन', departmentCode: 'ENERGY', slaDays: 30,
    missingDocument: 'proof of ownership or occupancy of the house', rejectionReason: 'pending dues on an earlier connection at the same premises', deliverable: 'connection' },
];

/** District office title per department; others fall back to a generic title. */
export const OFFICE_TITLES: Readonly<Record<string, { en: string; hi: string }>> = {
  FOOD: { en: 'Office of the District Food Officer', hi: 'जिला खाद्य अधिकारी कार्यालय' },
  PRD: { en: 'Office of the CEO, Zila Panchayat', hi: 'मुख्य कार्यपालन अधिकारी, जिला पंचायत कार्यालय' },
  SW: { en: 'Office of the Deputy Director, Social Welfare', hi: 'उप संचालक, समाज कल्याण कार्यालय' },
  WCD: { en: 'Office of the District Programme Officer, Women and Child Development', hi: 'जिला कार्यक्रम अधिकारी, महिला एवं बाल विकास कार्यालय' },
  HEALTH: { en: 'Office of the Chief Medical and Health Officer', hi: 'मुख्य चिकित्सा एवं स्वास्थ्य अधिकारी कार्यालय' },
  SCHOOL: { en: 'Office of the District Education Officer', hi: 'जिला शिक्षा अधिकारी कार्यालय' },
  TRIBAL: { en: 'Office of the Assistant Commissioner, Tribal Development', hi: 'सहायक आयुक्त, आदिवासी विकास कार्यालय' },
  AGRI: { en: 'Office of the Deputy Director, Agriculture', hi: 'उप संचालक, कृषि कार्यालय' },
  REVENUE: { en: 'Collectorate, Revenue Section', hi: 'कलेक्टोरेट, राजस्व शाखा' },
  ENERGY: { en: 'Office of the Superintending Engineer (O&M), CSPDCL', hi: 'अधीक्षण अभियंता (संचा./संधा.) कार्यालय, सीएसपीडीसीएल' },
  PHE: { en: 'Office of the Executive Engineer, Public Health Engineering', hi: 'कार्यपालन अभियंता, लोक स्वास्थ्य यांत्रिकी कार्यालय' },
  UAD: { en: 'District Urban Development Agency', hi: 'जिला शहरी विकास अभिकरण' },
  PWD: { en: 'Office of the Executive Engineer, Public Works Department', hi: 'कार्यपालन अभियंता, लोक निर्माण विभाग कार्यालय' },
  HOME: { en: 'Office of the Superintendent of Police', hi: 'पुलिस अधीक्षक कार्यालय' },
  FOREST: { en: 'Office of the Divisional Forest Officer', hi: 'वनमंडलाधिकारी कार्यालय' },
  LABOUR: { en: 'Office of the Labour Officer', hi: 'श्रम पदाधिकारी कार्यालय' },
};

/**
 * (district LGD code, department) pairs that deliberately have no district office, so that
 * grievance routing has to fall back to the department's state office. All five are districts
 * formed in 2022, where such gaps are plausible. Raipur FOOD (the demo officer's office) is
 * never a gap.
 */
export const OFFICE_GAPS: readonly { districtCode: number; departmentCode: string }[] = [
  { districtCode: 759, departmentCode: 'LABOUR' }, // Khairagarh-Chhuikhadan-Gandai
  { districtCode: 760, departmentCode: 'PHE' }, // Manendragarh-Chirmiri-Bharatpur
  { districtCode: 761, departmentCode: 'FOREST' }, // Mohla-Manpur-Ambagarh Chowki
  { districtCode: 761, departmentCode: 'UAD' }, // Mohla-Manpur-Ambagarh Chowki
  { districtCode: 762, departmentCode: 'TRIBAL' }, // Sakti
  { districtCode: 763, departmentCode: 'ENERGY' }, // Sarangarh-Bilaigarh
];

export interface QueueDef {
  code: string;
  name: string;
  nameHi: string;
  language: 'hi' | 'cg' | 'en';
  departmentCode: string | null;
  priority: number;
}

const LANGUAGE_NAMES = {
  hi: { en: 'Hindi', hi: 'हिंदी' },
  cg: { en: 'Chhattisgarhi', hi: 'छत्तीसगढ़ी' },
  en: { en: 'English', hi: 'अंग्रेज़ी' },
} as const;

function queuesFor(prefix: string, nameEn: string, nameHi: string, departmentCode: string | null, priority: number): QueueDef[] {
  return (['hi', 'cg', 'en'] as const).map((language) => ({
    code: `${prefix}-${language}`,
    name: `${nameEn} (${LANGUAGE_NAMES[language].en})`,
    nameHi: `${nameHi} (${LANGUAGE_NAMES[language].hi})`,
    language,
    departmentCode,
    priority,
  }));
}

export const QUEUES: readonly QueueDef[] = [
  ...queuesFor('general', 'General helpline', 'सामान्य हेल्पलाइन', null, 0),
  ...queuesFor('food', 'Ration and PDS', 'राशन एवं सार्वजनिक वितरण प्रणाली', 'FOOD', 1),
  ...queuesFor('prd', 'Panchayat, MGNREGA and housing', 'पंचायत, मनरेगा एवं आवास', 'PRD', 1),
];

/** Synthetic facilities generated around each block: type code and how many per block. */
/**
 * Facility types of our own, beside the reference list: DBT money reaches people through bank
 * branches and banking correspondents, and the reference list has no type for them.
 */
export const EXTRA_FACILITY_TYPES: readonly { code: string; nameEn: string; nameHi: string; departmentCode: string | null }[] = [
  { code: 'bank_branch', nameEn: 'Bank branch / banking correspondent', nameHi: 'बैंक शाखा / बैंक मित्र', departmentCode: null },
];

export const SYNTHETIC_FACILITIES: readonly { typeCode: string; perBlock: number; en: string; hi: string }[] = [
  { typeCode: 'anganwadi', perBlock: 4, en: 'Anganwadi Kendra', hi: 'आंगनबाड़ी केंद्र' },
  { typeCode: 'school_primary', perBlock: 3, en: 'Govt. Primary School', hi: 'शासकीय प्राथमिक शाला' },
  { typeCode: 'school_middle', perBlock: 1, en: 'Govt. Middle School', hi: 'शासकीय पूर्व माध्यमिक शाला' },
  { typeCode: 'school_high', perBlock: 1, en: 'Govt. Higher Secondary School', hi: 'शासकीय उच्चतर माध्यमिक विद्यालय' },
  { typeCode: 'fps', perBlock: 2, en: 'Fair Price Shop', hi: 'शासकीय उचित मूल्य दुकान' },
  { typeCode: 'lok_seva_kendra', perBlock: 1, en: 'Lok Seva Kendra (CSC)', hi: 'लोक सेवा केंद्र' },
  { typeCode: 'gram_panchayat_office', perBlock: 1, en: 'Gram Panchayat Bhawan', hi: 'ग्राम पंचायत भवन' },
  { typeCode: 'bank_branch', perBlock: 1, en: 'Bank Branch', hi: 'बैंक शाखा' },
  { typeCode: 'shc_aam', perBlock: 1, en: 'Ayushman Arogya Mandir (Sub Health Centre)', hi: 'आयुष्मान आरोग्य मंदिर (उप स्वास्थ्य केंद्र)' },
];
