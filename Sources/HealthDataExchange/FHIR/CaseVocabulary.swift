/// The codes and identifier systems the exchange understands, as its CapabilityStatement lists
/// them: COVID-19 as SNOMED CT or ICD-10, laboratory tests by LOINC, results as SNOMED CT or v3
/// interpretations, stays by v3 ActCode, and the identifier systems Covizone documents.
public enum CaseVocabulary {
    public static let snomed = "http://snomed.info/sct"
    public static let icd10 = "http://hl7.org/fhir/sid/icd-10"
    public static let loinc = "http://loinc.org"
    public static let verificationStatus = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
    public static let clinicalStatus = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    public static let interpretation = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    public static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    public static let dischargeDisposition = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
    /// Covizone's own code system for the kind of a stay.
    public static let stayKind = "https://covizone.gov.vn/fhir/CodeSystem/stay-kind"

    /// COVID-19: SNOMED CT 840539006 (disease caused by SARS-CoV-2) or ICD-10 U07.1.
    public static let covidSNOMED: Set<String> = ["840539006"]
    public static let covidICD10: Set<String> = ["U07.1"]

    /// SARS-CoV-2 RNA by nucleic acid amplification (PCR).
    public static let pcrTests: Set<String> = ["94500-6", "94309-2", "94502-2", "94533-7", "94534-5", "94759-8", "94845-5"]
    /// SARS-CoV-2 antigen by rapid immunoassay.
    public static let antigenTests: Set<String> = ["94558-4", "95209-3", "96119-3", "97097-0"]

    /// Results as SNOMED CT: detected or positive; not detected or negative; inconclusive.
    public static let positiveResults: Set<String> = ["260373001", "10828004"]
    public static let negativeResults: Set<String> = ["260415000", "260385009"]
    public static let inconclusiveResults: Set<String> = ["419984006"]

    /// The identifier systems Covizone documents (others are matched on system and value too).
    public enum IdentifierSystem {
        /// The 12-digit citizen identity card (căn cước công dân).
        public static let cccd = "https://covizone.gov.vn/fhir/sid/cccd"
        public static let passport = "https://covizone.gov.vn/fhir/sid/passport"
        /// A Vietnamese phone number in E.164.
        public static let phone = "https://covizone.gov.vn/fhir/sid/phone"
        /// A facility's account in Covizone.
        public static let facility = "https://covizone.gov.vn/fhir/sid/facility"
    }
}
