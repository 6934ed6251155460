// Every label of the interface, in English and Arabic, and the one function that applies them.
const LABELS = {
  en: {
    title: "Marsad",
    subtitle: "conflict events from Arabic news",
    events: "Events",
    fatalities: "Fatalities",
    filters: "Filters",
    filter_type: "Event type",
    all_types: "All types",
    filter_actor: "Actor",
    filter_admin1: "Governorate / region",
    all_admin1: "All regions",
    filter_text: "Search the reports",
    clear_filters: "Clear filters",
    export: "Export:",
    timeline: "Events over time",
    per_week: "per week",
    per_day: "per day",
    reset_range: "Reset dates",
    brush_hint: "Drag across the timeline to choose dates.",
    all_dates: "all dates",
    lang_toggle: "العربية",
    legend: "Event types",
    size_legend: "Circle size: fatalities",
    unmapped: "{n} without coordinates (not on the map)",
    close: "Close",
    loading: "Loading…",
    not_found: "This event is not in the store (it may have been merged or retracted).",
    load_error: "Could not reach the Marsad API.",
    event_type: "Event type",
    sub_event_type: "Sub-type",
    disorder_type: "Disorder type",
    date: "Date",
    place: "Place",
    actor1: "Actor 1",
    actor2: "Actor 2",
    assoc_actor: "with",
    confidence: "Confidence",
    figures: "Figures (most conservative)",
    fatalities_label: "Fatalities",
    injured: "Injured",
    arrested: "Arrested",
    bodies_found: "Bodies found",
    modality: "Modality",
    event_id: "Event id",
    sources: "Sources",
    sources_compare: "What each outlet reported",
    evidence: "Evidence",
    outlet: "Outlet",
    published: "Published",
    event_date: "Event date",
    link: "Link",
    open_source: "original",
    full_text: "Full text",
    no_evidence: "No evidence sentence.",
    also_in_report: "Elsewhere in the report:",
    time_precision: "Date precision",
    geo_precision: "Place precision",
    tp_1: "exact day",
    tp_2: "within the week (or taken from the publication date)",
    tp_3: "month or year only",
    gp_1: "the town or site itself",
    gp_2: "near a place or part of an area (e.g. “east of X”)",
    gp_3: "only the governorate or region (its centroid)",
    unknown: "unknown",
    none: "none",
    hl_trigger: "event word",
    hl_actor: "actor",
    hl_place: "place",
    hl_date: "date",
    hl_count: "count",
    highlights: "Highlights:",
    document: "Source document",
    document_events: "Events found in this document: {n}",
    revisions: "Revisions",
    zoom_to: "Show on map",
    relation: "relation",
  },
  ar: {
    title: "مرصد",
    subtitle: "أحداث النزاع من الأخبار العربية",
    events: "الأحداث",
    fatalities: "القتلى",
    filters: "عوامل التصفية",
    filter_type: "نوع الحدث",
    all_types: "كل الأنواع",
    filter_actor: "الطرف",
    filter_admin1: "المحافظة / المنطقة",
    all_admin1: "كل المناطق",
    filter_text: "ابحث في التقارير",
    clear_filters: "إلغاء التصفية",
    export: "تصدير:",
    timeline: "الأحداث عبر الزمن",
    per_week: "أسبوعياً",
    per_day: "يومياً",
    reset_range: "إعادة ضبط التواريخ",
    brush_hint: "اسحب على الخط الزمني لاختيار التواريخ.",
    all_dates: "كل التواريخ",
    lang_toggle: "English",
    legend: "أنواع الأحداث",
    size_legend: "حجم الدائرة: عدد القتلى",
    unmapped: "{n} بلا إحداثيات (ليست على الخريطة)",
    close: "إغلاق",
    loading: "جارٍ التحميل…",
    not_found: "هذا الحدث غير موجود في المخزن (ربما دُمج أو سُحب).",
    load_error: "تعذّر الوصول إلى واجهة مرصد.",
    event_type: "نوع الحدث",
    sub_event_type: "النوع الفرعي",
    disorder_type: "نوع الاضطراب",
    date: "التاريخ",
    place: "المكان",
    actor1: "الطرف الأول",
    actor2: "الطرف الثاني",
    assoc_actor: "مع",
    confidence: "الثقة",
    figures: "الأرقام (الأكثر تحفظاً)",
    fatalities_label: "القتلى",
    injured: "الجرحى",
    arrested: "المعتقلون",
    bodies_found: "الجثث المعثور عليها",
    modality: "الصيغة",
    event_id: "معرّف الحدث",
    sources: "المصادر",
    sources_compare: "ما أورده كل مصدر",
    evidence: "الدليل",
    outlet: "المصدر",
    published: "تاريخ النشر",
    event_date: "تاريخ الحدث",
    link: "الرابط",
    open_source: "الأصل",
    full_text: "النص الكامل",
    no_evidence: "لا توجد جملة دليل.",
    also_in_report: "في موضع آخر من التقرير:",
    time_precision: "دقة التاريخ",
    geo_precision: "دقة المكان",
    tp_1: "اليوم بعينه",
    tp_2: "خلال الأسبوع (أو مأخوذ من تاريخ النشر)",
    tp_3: "الشهر أو السنة فقط",
    gp_1: "البلدة أو الموقع نفسه",
    gp_2: "قرب مكان أو جزء من منطقة (مثل «شرقي كذا»)",
    gp_3: "المحافظة أو المنطقة فقط (مركزها)",
    unknown: "غير معروف",
    none: "لا يوجد",
    hl_trigger: "كلمة الحدث",
    hl_actor: "طرف",
    hl_place: "مكان",
    hl_date: "تاريخ",
    hl_count: "عدد",
    highlights: "التظليل:",
    document: "الوثيقة المصدر",
    document_events: "الأحداث في هذه الوثيقة: {n}",
    revisions: "المراجعات",
    zoom_to: "أظهره على الخريطة",
    relation: "العلاقة",
  },
};

// ACLED's six types keep their English names in the data; these are their Arabic labels.
const TYPE_LABELS_AR = {
  Battles: "معارك",
  "Violence against civilians": "عنف ضد المدنيين",
  "Explosions/Remote violence": "انفجارات / عنف عن بُعد",
  Protests: "احتجاجات",
  Riots: "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
};

export const LANGUAGES = ["en", "ar"];
let current = "en";

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : "en";
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === "ar" ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.title = t("title");
}

export function t(key, values = {}) {
  const text = LABELS[current][key] ?? LABELS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

export function typeLabel(eventType) {
  if (current === "ar" && TYPE_LABELS_AR[eventType]) return TYPE_LABELS_AR[eventType];
  return eventType || t("unknown");
}

export function formatNumber(value) {
  return new Intl.NumberFormat(current === "ar" ? "ar" : "en").format(value);
}
