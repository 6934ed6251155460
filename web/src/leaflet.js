// Leaflet's UMD build sets window.L, which leaflet.markercluster extends; import both from here only.
import L from "leaflet";
import "leaflet.markercluster";

export default L;
