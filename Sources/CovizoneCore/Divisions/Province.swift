/// A first-level administrative division (tỉnh / thành phố trung ương) after the 2025 rearrangement.
public struct Province: Codable, Sendable, Equatable, Identifiable {
    /// Official two-digit code of the General Statistics Office, e.g. `"01"` for Hà Nội.
    public var code: String
    public var name: String
    /// ASCII name, e.g. `ha_noi`.
    public var codename: String
    /// `tỉnh` or `thành phố trung ương`.
    public var divisionType: String
    /// Telephone area code.
    public var phoneCode: Int

    public var id: String { code }

    public init(code: String, name: String, codename: String, divisionType: String, phoneCode: Int) {
        self.code = code
        self.name = name
        self.codename = codename
        self.divisionType = divisionType
        self.phoneCode = phoneCode
    }
}

/// A second-level division (phường / xã / đặc khu) inside a province.
public struct Ward: Codable, Sendable, Equatable, Identifiable {
    /// Official five-digit code of the General Statistics Office, e.g. `"00070"`.
    public var code: String
    public var name: String
    public var codename: String
    /// `phường`, `xã` or `đặc khu`.
    public var divisionType: String
    /// Code of the province the ward belongs to.
    public var provinceCode: String

    public var id: String { code }

    public init(code: String, name: String, codename: String, divisionType: String, provinceCode: String) {
        self.code = code
        self.name = name
        self.codename = codename
        self.divisionType = divisionType
        self.provinceCode = provinceCode
    }
}
