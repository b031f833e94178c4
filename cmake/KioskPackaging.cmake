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
set(CPACK_PACKAGE_CONTACT "commitment-kiosk developers <commitment-kiosk@example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk hub ctl updater)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.org/commitment-kiosk")
# Binaries without their debugging symbols, as Debian ships them.
set(CPACK_STRIP_FILES ON)
# Absolute paths (/etc, /lib/systemd) stay absolute in the package.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

# cmake/debian/<package>/: maintainer scripts and conffiles, named as dpkg expects them.
set(debian ${CMAKE_CURRENT_LIST_DIR}/debian)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME commitment-kiosk)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION
    "touch kiosk on which residents rate public commitments
In service halls, party members, service posts, teams and units publish
commitments about their service; residents rate each one good, fair or poor
on this full-screen kiosk, anonymously and with one tap. Votes are stored
before the resident is thanked and synced in signed batches to kiosk-hub.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-cjk, passwd")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "cage")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    "${debian}/commitment-kiosk/postinst;${debian}/commitment-kiosk/postrm;${debian}/commitment-kiosk/conffiles")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_HUB_PACKAGE_NAME kiosk-hub)
set(CPACK_DEBIAN_HUB_DESCRIPTION
    "central server of the commitment-rating kiosks
Receives the kiosks' signed rating batches exactly once over HTTPS, keeps the
tallies on embedded SQLite or PostgreSQL, publishes signed commitment lists and
serves the staff console: tallies, rectification cases, leaders' reviews and
Excel ledgers.")
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "passwd")
set(CPACK_DEBIAN_HUB_PACKAGE_SUGGESTS "postgresql-15, prometheus")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
    "${debian}/kiosk-hub/postinst;${debian}/kiosk-hub/prerm;${debian}/kiosk-hub/postrm;${debian}/kiosk-hub/conffiles")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_CTL_PACKAGE_NAME kioskctl)
set(CPACK_DEBIAN_CTL_DESCRIPTION
    "administrators' tool for the commitment-rating kiosks
Builds commitment lists from Excel or CSV, signs them offline with Ed25519,
publishes them, enrols kiosks, imports batches carried on USB from offline
kiosks and downloads tallies.")

# Its own package, so an update never replaces the updater that must be able to roll it back.
set(CPACK_DEBIAN_UPDATER_PACKAGE_NAME commitment-kiosk-updater)
set(CPACK_DEBIAN_UPDATER_DESCRIPTION
    "signed software updates for the commitment-rating kiosk
Installs new builds of commitment-kiosk that an administrator signed, from
kiosk-hub or a USB stick, when nobody is using the kiosk, and rolls back by
itself when the new build does not come up healthy.")
set(CPACK_DEBIAN_UPDATER_PACKAGE_DEPENDS "dpkg (>= 1.18.5)")  # DPKG_ROOT in maintainer scripts

# Each package's copyright and (native) changelog, as Debian policy asks of every package.
string(TIMESTAMP changelog_date "%a, %d %b %Y 00:00:00 +0000" UTC)
foreach(pair "kiosk;commitment-kiosk" "hub;kiosk-hub" "ctl;kioskctl" "updater;commitment-kiosk-updater")
  list(GET pair 0 component)
  list(GET pair 1 package)
  set(doc ${CMAKE_BINARY_DIR}/debian-doc/${package})
  file(MAKE_DIRECTORY ${doc})
  file(WRITE ${doc}/changelog "${package} (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
                              "  * Release ${PROJECT_VERSION}.\n\n"
                              " -- ${CPACK_PACKAGE_CONTACT}  ${changelog_date}\n")
  execute_process(COMMAND gzip -9nf ${doc}/changelog)
  file(WRITE ${doc}/copyright "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
                              "Upstream-Name: commitment-kiosk\n\n"
                              "Files: *\nCopyright: 2026 commitment-kiosk developers\n"
                              "License: proprietary\n All rights reserved by the commitment-kiosk developers.\n")
  install(FILES ${doc}/changelog.gz ${doc}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package}
          COMPONENT ${component})
endforeach()

include(CPack)
