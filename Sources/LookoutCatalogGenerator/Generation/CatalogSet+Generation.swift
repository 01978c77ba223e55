import LookoutCatalog

extension CatalogSet {
    /// The generated dashboards, `<file>.json`, validated first.
    ///
    /// - Throws: ``CatalogError/Code/invalidCatalog`` listing every problem.
    public func dashboardFiles() throws(CatalogError) -> [GeneratedFile] {
        try validate()
        return DashboardBuilder.files(for: self)
    }

    /// The generated alerting files, validated first: `<module>.rules.yml`,
    /// `tests/<module>-test.yaml` and `runbooks/<module>.md` per catalog with rules, and
    /// `alertmanager.yml`.
    ///
    /// - Throws: ``CatalogError/Code/invalidCatalog`` listing every problem.
    public func alertFiles() throws(CatalogError) -> [GeneratedFile] {
        try validate()
        var files: [GeneratedFile] = []
        for catalog in catalogs {
            if let rules = RuleFile.render(catalog, set: self) { files.append(GeneratedFile(path: RuleFile.name(for: catalog), contents: rules)) }
            if let tests = RuleTestFile.render(catalog, set: self) { files.append(GeneratedFile(path: RuleTestFile.name(for: catalog), contents: tests)) }
            if let page = RunbookPage.render(catalog, set: self) { files.append(GeneratedFile(path: RunbookPage.name(for: catalog), contents: page)) }
        }
        files.append(GeneratedFile(path: AlertmanagerConfig.fileName, contents: AlertmanagerConfig.render(self)))
        return files
    }

    /// The generated metrics reference, `metrics.md` (every metric of every catalog with
    /// the rules that read it), validated first.
    ///
    /// - Throws: ``CatalogError/Code/invalidCatalog`` listing every problem.
    public func referenceFiles() throws(CatalogError) -> [GeneratedFile] {
        try validate()
        return [GeneratedFile(path: MetricsReference.fileName, contents: MetricsReference.render(self))]
    }
}
