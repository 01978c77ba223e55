// A catalog executable imports only the generator: the declarations it lists come with it.
@_exported import LookoutCatalog
