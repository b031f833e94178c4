# Debian packages with CPack (`cpack -G DEB` in a release build tree), one per component:
#   commitment-kiosk  the touch app, its assets and config, the cage unit, user `kiosk`
#   kiosk-hub         the server, its hardened unit, user `kiosk-hub`, /var/lib/kiosk-hub
#   kioskctl          the administrators' command-line tool
# Library dependencies come from dpkg-shlibdeps (the Debian packages the binaries link); the rest
# is named here. Example configs go to /etc/<package>/*.example: dpkg keeps an operator's edits of
# files under /etc, and an example never overrides a real config.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME commitment-kiosk)
set(CPACK_PACKAGE_VENDOR "commitment-kiosk developers")
set(CPACK_PACKAGE_CONTACT "commitment-kiosk developers <kiosk@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk hub ctl)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://localhost/commitment-kiosk")
# Absolute paths (/etc, /lib/systemd) stay absolute in the package.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

# cmake/debian/<package>/: maintainer scripts and conffiles, named as dpkg expects them.
set(debian ${CMAKE_CURRENT_LIST_DIR}/debian)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME commitment-kiosk)
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
    "Full-screen touch kiosk on which residents rate public commitments (good / fair / poor)")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-cjk, passwd")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cage")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${debian}/commitment-kiosk/postinst;${debian}/commitment-kiosk/postrm;${debian}/commitment-kiosk/conffiles")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_HUB_PACKAGE_NAME kiosk-hub)
set(CPACK_COMPONENT_HUB_DESCRIPTION
    "Central server of the commitment-rating kiosks: HTTPS API and staff console")
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "passwd, tar")
set(CPACK_DEBIAN_HUB_PACKAGE_SUGGESTS "postgresql-15, prometheus")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
    "${debian}/kiosk-hub/postinst;${debian}/kiosk-hub/prerm;${debian}/kiosk-hub/postrm;${debian}/kiosk-hub/conffiles")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_CTL_PACKAGE_NAME kioskctl)
set(CPACK_COMPONENT_CTL_DESCRIPTION
    "Administrators' tool for the commitment-rating kiosks: lists, signing, enrolment, imports, tallies")

include(CPack)
